import { readCliOptions, USAGE } from './cli-config.ts';
import { startLineStandIn } from './index.ts';
import { CONTROL_PREFIX } from './servers.ts';

/** The stand-in as its own process (`npm run line:stand-in`): prints where it listens, stops on a signal. */
async function main() {
  if (process.argv.includes('--help')) {
    console.log(USAGE);
    return;
  }
  let options: ReturnType<typeof readCliOptions>;
  try {
    options = readCliOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const standIn = await startLineStandIn(options);
  console.log(
    [
      'LINE stand-in is running.',
      `  Messaging API + LINE Login (api.line.me):  ${standIn.urls.api}`,
      `  Data API (api-data.line.me):                ${standIn.urls.data}`,
      `  Control API:                                ${standIn.urls.api}${CONTROL_PREFIX}`,
      `  Phone page:                                 ${standIn.urls.api}${CONTROL_PREFIX}/phone/`,
      `  JWKS:                                       ${standIn.urls.api}/oauth2/v2.1/certs`,
      `  Channel secret:        ${options.channelSecret}`,
      `  Channel access token:  ${options.channelAccessToken}`,
      `  LINE Login channel ID: ${options.loginChannelId}`,
      `  Webhook URL:           ${options.webhookUrl ?? '(none yet: PUT /_stand-in/webhook)'}`,
    ].join('\n'),
  );
  const stop = async () => {
    await standIn.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
