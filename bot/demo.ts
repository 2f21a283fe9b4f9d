import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from './app.ts';
import type { LiffSettings, LineChannel } from './config.ts';
import { demoClaim, demoStaff, seedDemo, seedDemoStaff } from './demo-seed.ts';
import { setUpRichMenus } from './line/rich-menus.ts';

/**
 * Demo mode: the local LINE stand-in plays LINE, so a newcomer can try everything without a channel. Its state
 * (simulated shoppers, chats, rich menus) is kept in a file beside the demo database across restarts.
 * Loaded only when no LINE credentials are configured; production never imports the stand-in.
 */
export async function startDemoLine({
  dataDir,
  serverUrl,
  port,
  brandName,
}: {
  /** Where the stand-in's state is kept between starts. */
  dataDir: string;
  serverUrl: string;
  port: number;
  /** The official account's name, as LINE's bot info gives it: the phone's chat is titled with it. */
  brandName: string;
}) {
  const { startLineStandIn } = await import('../line-stand-in/index.ts');
  const stateFile = join(dataDir, 'demo-line-stand-in.json');
  const channelSecret = randomBytes(16).toString('hex');
  const channelAccessToken = randomBytes(32).toString('base64url');
  const loginChannelId = '2000000000';
  const liffUrl = `${serverUrl}/liff/member/`;
  const standIn = await startLineStandIn({
    channelSecret,
    channelAccessToken,
    loginChannelId,
    liffUrl,
    botName: brandName,
    // Beside the server's port, so the phone's address stays the same from one start to the next.
    ports: port === 0 ? {} : { api: port + 1, data: port + 2 },
    ...(existsSync(stateFile) && { state: JSON.parse(readFileSync(stateFile, 'utf8')) }),
  });
  mkdirSync(dataDir, { recursive: true });
  const save = () => writeFileSync(stateFile, JSON.stringify(standIn.snapshot()));
  const saving = setInterval(save, 5_000);
  const channel: LineChannel & { liff: LiffSettings } = {
    channelSecret,
    channelAccessToken,
    apiBaseUrl: standIn.urls.api,
    dataApiBaseUrl: standIn.urls.data,
    liff: {
      liffId: `${loginChannelId}-demoLiff1`,
      loginChannelId,
      jwksUrl: `${standIn.urls.api}/oauth2/v2.1/certs`,
    },
  };
  const phoneUrl = `${standIn.urls.api}/_stand-in/phone/`;
  return {
    channel,
    standIn,
    /** What the demo's home page at `/` links and tells (bot/plugins/demo-home-page.ts). */
    home: { phoneUrl, claim: demoClaim, staff: demoStaff },
    /** Points the stand-in's webhooks at the server, seeds the demo data and sets up the rich menus. */
    async connect(app: App, url: string) {
      // The address it listens at: with PORT=0 only the listening server knows its port.
      standIn.setWebhookUrl(`${url}/webhook`);
      standIn.setLiffUrl(`${url}/liff/member/`);
      await seedDemo(app.engine, app.clock.now());
      await seedDemoStaff(app.engine, app.clock.now());
      await setUpRichMenus(app.line, channel.liff.liffId, app.log);
    },
    /** The demo's part of the start-up banner: where to begin, the stand-in, who to claim, who signs in. */
    bannerLines: (url: string) => [
      'Demo mode: no LINE credentials, so the local LINE stand-in plays LINE.',
      `  Start here (every page):        ${url}/`,
      `  Phone (be a shopper in LINE):   ${phoneUrl}`,
      `  LINE stand-in API:              ${standIn.urls.api}  (see line-stand-in/README.md)`,
      `  An in-store member to claim:    phone ${demoClaim.phone}, birthday ${demoClaim.birthday}`,
      '  Staff sign-ins (the counter and the console):',
      ...demoStaff.map((s) => `    ${s.role.padEnd(14)}${s.username} / ${s.password}`),
    ],
    async close() {
      clearInterval(saving);
      save();
      await standIn.close();
    },
  };
}
