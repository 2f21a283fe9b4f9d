// npm run line:rich-menus: creates the rich menus (join, member), their aliases and images on the configured LINE
// channel, and makes the join menu the default. Safe to run again: what exists is left as it is (see
// bot/line/rich-menus.ts). Reads the same configuration as the server (environment, or .env).
import { ConfigError, loadConfig } from '../bot/config.ts';
import { createLineClients } from '../bot/line/clients.ts';
import { describeLineError } from '../bot/line/errors.ts';
import { type SetupLog, setUpRichMenus } from '../bot/line/rich-menus.ts';

export const demoModeNote =
  'No LINE credentials are configured: that is demo mode, where `npm start` sets up the rich menus on the ' +
  'local LINE stand-in itself. Set LINE_CHANNEL_SECRET, LINE_CHANNEL_ACCESS_TOKEN, LINE_LOGIN_CHANNEL_ID and ' +
  'LIFF_ID to set them up on a real channel.';

/** Runs the setup for the channel the environment names; resolves to the process's exit code. */
export async function setUpConfiguredRichMenus(
  env: Record<string, string | undefined>,
  out: Pick<Console, 'log' | 'error'> = console,
): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    out.error(error.message);
    return 1;
  }
  if (!config.line) {
    out.log(demoModeNote);
    return 0;
  }
  const log: SetupLog = {
    info: (details, message) => out.log(`${message} ${JSON.stringify(details)}`),
  };
  const ids = await setUpRichMenus(createLineClients(config.line), config.line.liff.liffId, log);
  out.log(`Rich menus ready: join ${ids.join} (default), member ${ids.member}`);
  return 0;
}

if (import.meta.main) {
  try {
    process.exitCode = await setUpConfiguredRichMenus(process.env);
  } catch (error) {
    // LINE's status, request id and message; never the request, which carries the access token.
    console.error('Rich menu setup failed:', describeLineError(error));
    process.exitCode = 1;
  }
}
