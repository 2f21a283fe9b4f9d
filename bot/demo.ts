import { randomBytes } from 'node:crypto';
import type { LiffSettings, LineChannel } from './config.ts';

/**
 * Demo mode: the local LINE stand-in plays LINE, so a newcomer can try everything without a channel.
 * Loaded only when no LINE credentials are configured; production never imports the stand-in.
 */
export async function startDemoLine() {
  const { startLineStandIn } = await import('../line-stand-in/index.ts');
  const channelSecret = randomBytes(16).toString('hex');
  const channelAccessToken = randomBytes(32).toString('base64url');
  const loginChannelId = '2000000000';
  const standIn = await startLineStandIn({ channelSecret, channelAccessToken, loginChannelId });
  const channel: LineChannel & { liff: LiffSettings } = {
    channelSecret,
    channelAccessToken,
    apiBaseUrl: standIn.urls.api,
    dataApiBaseUrl: standIn.urls.data,
    liff: {
      liffId: `${loginChannelId}-demoLiff`,
      loginChannelId,
      jwksUrl: `${standIn.urls.api}/oauth2/v2.1/certs`,
    },
  };
  return {
    channel,
    standIn,
    async connect(webhookUrl: string) {
      standIn.setWebhookUrl(webhookUrl);
    },
    printWelcome(serverUrl: string) {
      console.log(
        [
          '',
          'Demo mode: no LINE credentials, so the local LINE stand-in plays LINE.',
          `  LINE stand-in (Messaging API): ${standIn.urls.api}`,
          `  Webhook it delivers to:        ${serverUrl}/webhook`,
          '',
        ].join('\n'),
      );
    },
    close: () => standIn.close(),
  };
}
