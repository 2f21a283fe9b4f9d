import { dirname } from 'node:path';
import Type, { type Static } from 'typebox';
import Value from 'typebox/value';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const liffId = (description: string) =>
  Type.Optional(Type.String({ pattern: '^[0-9]{10}-[A-Za-z0-9]{8}$', description }));

const url = (description: string, fallback: string) =>
  Type.String({ pattern: '^https?://[^/]+$', default: fallback, description });

/** Every setting the server reads from its environment; `.env.example` documents the same list. */
const Env = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DATABASE_PATH: Type.Optional(Type.String({ minLength: 1 })),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  LOG_LEVEL: Type.String({ pattern: `^(${logLevels.join('|')})$`, default: 'info' }),
  TRUST_PROXY: Type.Integer({ minimum: 0, maximum: 10, default: 0 }),
  WORK_LEASE_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 120 }),
  LINE_CHANNEL_SECRET: Type.Optional(Type.String({ pattern: '^[0-9a-f]{32}$' })),
  LINE_CHANNEL_ACCESS_TOKEN: Type.Optional(Type.String({ minLength: 1 })),
  LINE_API_BASE_URL: url('Messaging API host, origin only', 'https://api.line.me'),
  LINE_DATA_API_BASE_URL: url(
    'Messaging API data host (rich menu images, content)',
    'https://api-data.line.me',
  ),
  LINE_LOGIN_CHANNEL_ID: Type.Optional(Type.String({ pattern: '^[0-9]{10}$' })),
  LIFF_ID: liffId('The member mini-app'),
  CLERK_LIFF_ID: liffId("The clerk page's own LIFF app, for LINE's code scanner (optional)"),
  LINE_LOGIN_JWKS_URL: Type.Optional(Type.String({ pattern: '^https?://[^/]+/' })),
  // LINE caps an official account's display name at 20 characters; the brand is that name.
  BRAND_NAME: Type.Optional(Type.String({ minLength: 1, maxLength: 20, pattern: '\\S' })),
  BRAND_LOGO_URL: Type.Optional(Type.String({ pattern: '^https://[^/\\s]+/\\S*$' })),
  // LINE fetches the images staff send in the chat from here (ADR 37); LINE takes https links only.
  PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https://[^/\\s?#]+$' })),
});

/** The names of every variable read, which README.md's table and .env.example both list. */
export const CONFIG_VARIABLES = Object.keys(Env.properties);

/** A real LINE setup needs all of these; with none of them the product runs in demo mode. */
const lineVariables = [
  'LINE_CHANNEL_SECRET',
  'LINE_CHANNEL_ACCESS_TOKEN',
  'LINE_LOGIN_CHANNEL_ID',
  'LIFF_ID',
] as const;

const messages: Record<string, string> = {
  PORT: 'must be a port number from 0 to 65535',
  LOG_LEVEL: `must be one of ${logLevels.join(', ')}`,
  DATABASE_URL: 'must be a PostgreSQL URL such as postgres://user:password@db.internal:5432/membership',
  WORK_LEASE_SECONDS: 'must be the seconds an instance holds the background work it claimed, 1 to 3600',
  TRUST_PROXY: 'must be the number of reverse proxies in front of the server, 0 to 10',
  LINE_CHANNEL_SECRET: 'must be the Messaging API channel secret: 32 hexadecimal digits',
  LINE_API_BASE_URL: 'must be an origin such as https://api.line.me (the LINE SDK drops any path)',
  LINE_DATA_API_BASE_URL: 'must be an origin such as https://api-data.line.me (the LINE SDK drops any path)',
  LINE_LOGIN_CHANNEL_ID: 'must be the LINE Login channel ID: 10 digits',
  LIFF_ID: 'must be the LIFF app ID, such as 1657000000-AbCdEfGh',
  CLERK_LIFF_ID: "must be the clerk page's LIFF app ID, such as 1657000000-IjKlMnOp",
  LINE_LOGIN_JWKS_URL: 'must be a URL such as https://api.line.me/oauth2/v2.1/certs',
  BRAND_NAME:
    "must be the shop's name as shoppers know it, 1 to 20 characters (LINE's limit for an account's name)",
  BRAND_LOGO_URL: 'must be an https URL of an image, such as https://cdn.example.com/logo.png',
  PUBLIC_URL:
    'must be the https origin shoppers and LINE reach this server at, such as https://members.example.com (no path): LINE fetches the images staff send in the chat from it',
};

/** Who speaks to shoppers and staff: the name in LINE messages, the legal pages, the console and the phone. */
export interface Brand {
  name: string;
  /** An https image shown beside the name in the staff console; none: the name alone. */
  logoUrl: string | null;
}

/**
 * Unset in production, the pages and messages still read well (「會員中心」 names the service, not a shop) and
 * the console shows what to set; the demo names a shop so that a visitor sees where the name appears.
 */
export const DEFAULT_BRAND: Brand = { name: '會員中心', logoUrl: null };
export const DEMO_BRAND: Brand = { name: '好日子咖啡', logoUrl: null };

export interface LineChannel {
  channelSecret: string;
  channelAccessToken: string;
  apiBaseUrl: string;
  dataApiBaseUrl: string;
}

/** The LIFF app and the LINE Login channel that signs its ID tokens. */
export interface LiffSettings {
  liffId: string;
  loginChannelId: string;
  jwksUrl: string;
  /** The clerk page's own LIFF app (same channel): in LINE it scans with LINE's scanner. None: the camera. */
  clerkLiffId?: string;
}

export interface Config {
  port: number;
  host: string;
  /** A PostgreSQL URL (several instances), else the path of the SQLite file (one instance, no set-up). */
  databaseUrl: string;
  /** Where demo mode keeps the LINE stand-in's state: beside the SQLite file, or in ./data on PostgreSQL. */
  dataDir: string;
  logLevel: (typeof logLevels)[number];
  /** Reverse proxies in front of the server whose X-Forwarded-For is believed (the sign-in limit counts by address). */
  trustProxy: number;
  /** How long an instance holds webhook events and notices it claimed; another takes them over after that. */
  workLeaseMs: number;
  brand: Brand;
  /** The https origin LINE reaches the server at, for the images staff send in the chat; null: they cannot. */
  publicUrl: string | null;
  /** The Messaging API channel and the LIFF app; null without credentials, which is demo mode. */
  line: (LineChannel & { liff: LiffSettings }) | null;
}

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Reads and checks the whole environment once, naming every bad variable in one error. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const given = Object.fromEntries(
    Object.keys(Env.properties)
      .filter((name) => env[name] !== undefined && env[name] !== '')
      .map((name) => [name, env[name]]),
  );
  const values = Value.Convert(Env, Value.Default(Env, given)) as Static<typeof Env>;
  const badNames = new Map([...Value.Errors(Env, values)].map((e) => [e.instancePath.slice(1), e.message]));
  const problems = [...badNames].map(([name, message]) => `${name} ${messages[name] ?? message}`);
  const setLineVariables = lineVariables.filter((name) => given[name] !== undefined);
  const real = setLineVariables.length > 0;
  if (real) {
    for (const name of lineVariables.filter((n) => given[n] === undefined)) {
      problems.push(`${name} is missing: set all of ${lineVariables.join(', ')}, or none for demo mode`);
    }
  }
  if (!real && given.CLERK_LIFF_ID !== undefined && !badNames.has('CLERK_LIFF_ID')) {
    problems.push(
      `CLERK_LIFF_ID needs a LINE channel: set ${lineVariables.join(', ')} too, or leave it empty for demo mode`,
    );
  }
  if (given.DATABASE_URL !== undefined && given.DATABASE_PATH !== undefined) {
    problems.push(
      'DATABASE_URL and DATABASE_PATH are both set: set DATABASE_URL for PostgreSQL, or DATABASE_PATH for SQLite',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  // Demo mode keeps its own file, so trying the product never mixes with a real channel's members.
  const databasePath = values.DATABASE_PATH ?? (real ? './data/membership.db' : './data/demo.db');

  return {
    port: values.PORT,
    host: values.HOST,
    databaseUrl: values.DATABASE_URL ?? databasePath,
    dataDir: values.DATABASE_URL ? './data' : dirname(databasePath),
    logLevel: values.LOG_LEVEL as Config['logLevel'],
    trustProxy: values.TRUST_PROXY,
    workLeaseMs: values.WORK_LEASE_SECONDS * 1000,
    brand: {
      name: values.BRAND_NAME?.trim() ?? (real ? DEFAULT_BRAND : DEMO_BRAND).name,
      logoUrl: values.BRAND_LOGO_URL ?? null,
    },
    publicUrl: values.PUBLIC_URL ?? null,
    line: real
      ? {
          channelSecret: values.LINE_CHANNEL_SECRET!,
          channelAccessToken: values.LINE_CHANNEL_ACCESS_TOKEN!,
          apiBaseUrl: values.LINE_API_BASE_URL,
          dataApiBaseUrl: values.LINE_DATA_API_BASE_URL,
          liff: {
            liffId: values.LIFF_ID!,
            loginChannelId: values.LINE_LOGIN_CHANNEL_ID!,
            // LINE serves the ID-token keys on the Messaging API host.
            jwksUrl: values.LINE_LOGIN_JWKS_URL ?? `${values.LINE_API_BASE_URL}/oauth2/v2.1/certs`,
            ...(values.CLERK_LIFF_ID && { clerkLiffId: values.CLERK_LIFF_ID }),
          },
        }
      : null,
  };
}
