import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { LineStandInOptions } from './index.ts';

/** Flags and the environment variables that stand for them when the flag is absent. */
const SETTINGS = {
  host: 'LINE_STAND_IN_HOST',
  'api-port': 'LINE_STAND_IN_API_PORT',
  'data-port': 'LINE_STAND_IN_DATA_PORT',
  'channel-secret': 'LINE_CHANNEL_SECRET',
  'channel-access-token': 'LINE_CHANNEL_ACCESS_TOKEN',
  'login-channel-id': 'LINE_LOGIN_CHANNEL_ID',
  'webhook-url': 'LINE_STAND_IN_WEBHOOK_URL',
  'monthly-quota': 'LINE_STAND_IN_MONTHLY_QUOTA',
  seed: 'LINE_STAND_IN_SEED',
  'liff-url': 'LINE_STAND_IN_LIFF_URL',
} as const;

export const USAGE = `Usage: node line-stand-in/main.ts [--flag value]...
${Object.entries(SETTINGS)
  .map(([flag, env]) => `  --${flag.padEnd(22)} or ${env}`)
  .join('\n')}
Ports default to 0 (any free port); secrets are generated when absent; --monthly-quota unlimited lifts the quota.`;

const port = (value: string | undefined, name: string) => {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0 || number > 65535)
    throw new Error(`${name} must be a port number`);
  return number;
};

/** The stand-in's options from the command line and the environment; throws with every problem named. */
export function readCliOptions(argv: string[], env: NodeJS.ProcessEnv): LineStandInOptions {
  const { values } = parseArgs({
    args: argv,
    options: Object.fromEntries(Object.keys(SETTINGS).map((flag) => [flag, { type: 'string' }])),
  });
  const get = (flag: keyof typeof SETTINGS) => (values[flag] as string | undefined) ?? env[SETTINGS[flag]];
  const quota = get('monthly-quota');
  const seed = get('seed');
  if (quota !== undefined && quota !== 'unlimited' && !/^\d+$/.test(quota)) {
    throw new Error('monthly-quota must be a whole number or "unlimited"');
  }
  const webhookUrl = get('webhook-url');
  const liffUrl = get('liff-url');
  return {
    channelSecret: get('channel-secret') ?? randomBytes(16).toString('hex'),
    channelAccessToken: get('channel-access-token') ?? randomBytes(32).toString('base64url'),
    loginChannelId: get('login-channel-id') ?? '2000000000',
    ...(webhookUrl && { webhookUrl }),
    ...(liffUrl && { liffUrl }),
    host: get('host') ?? '127.0.0.1',
    ports: { api: port(get('api-port'), 'api-port') ?? 0, data: port(get('data-port'), 'data-port') ?? 0 },
    ...(quota !== undefined && { limits: { monthlyQuota: quota === 'unlimited' ? null : Number(quota) } }),
    ...(seed !== undefined && { seed: Number(seed) }),
  };
}
