import Type, { type Static } from 'typebox';
import Value from 'typebox/value';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const url = (description: string, fallback: string) =>
  Type.String({ pattern: '^https?://[^/]+$', default: fallback, description });

/** Every setting the server reads from its environment; `.env.example` documents the same list. */
const Env = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1' }),
  DATABASE_PATH: Type.Optional(Type.String({ minLength: 1 })),
  LOG_LEVEL: Type.String({ pattern: `^(${logLevels.join('|')})$`, default: 'info' }),
  LINE_CHANNEL_SECRET: Type.Optional(Type.String({ pattern: '^[0-9a-f]{32}$' })),
  LINE_CHANNEL_ACCESS_TOKEN: Type.Optional(Type.String({ minLength: 1 })),
  LINE_API_BASE_URL: url('Messaging API host, origin only', 'https://api.line.me'),
  LINE_DATA_API_BASE_URL: url(
    'Messaging API data host (rich menu images, content)',
    'https://api-data.line.me',
  ),
});

const messages: Record<string, string> = {
  PORT: 'must be a port number from 0 to 65535',
  LOG_LEVEL: `must be one of ${logLevels.join(', ')}`,
  LINE_CHANNEL_SECRET: 'must be the Messaging API channel secret: 32 hexadecimal digits',
  LINE_API_BASE_URL: 'must be an origin such as https://api.line.me (the LINE SDK drops any path)',
  LINE_DATA_API_BASE_URL: 'must be an origin such as https://api-data.line.me (the LINE SDK drops any path)',
};

export interface LineChannel {
  channelSecret: string;
  channelAccessToken: string;
  apiBaseUrl: string;
  dataApiBaseUrl: string;
}

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  logLevel: (typeof logLevels)[number];
  /** The Messaging API channel; null without credentials, which is demo mode. */
  line: LineChannel | null;
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
  const hasSecret = values.LINE_CHANNEL_SECRET !== undefined;
  const hasToken = values.LINE_CHANNEL_ACCESS_TOKEN !== undefined;
  if (hasSecret !== hasToken) {
    const missing = hasSecret ? 'LINE_CHANNEL_ACCESS_TOKEN' : 'LINE_CHANNEL_SECRET';
    problems.push(`${missing} is missing: set both LINE channel credentials, or neither for demo mode`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  return {
    port: values.PORT,
    host: values.HOST,
    // Demo mode keeps its own file, so trying the product never mixes with a real channel's members.
    databasePath: values.DATABASE_PATH ?? (hasSecret ? './data/membership.db' : './data/demo.db'),
    logLevel: values.LOG_LEVEL as Config['logLevel'],
    line:
      values.LINE_CHANNEL_SECRET && values.LINE_CHANNEL_ACCESS_TOKEN
        ? {
            channelSecret: values.LINE_CHANNEL_SECRET,
            channelAccessToken: values.LINE_CHANNEL_ACCESS_TOKEN,
            apiBaseUrl: values.LINE_API_BASE_URL,
            dataApiBaseUrl: values.LINE_DATA_API_BASE_URL,
          }
        : null,
  };
}
