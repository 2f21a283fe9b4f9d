import { randomBytes } from 'node:crypto';
import { afterEach, expect, it } from 'vitest';
import { type LineStandIn, startLineStandIn } from '../line-stand-in/index.ts';
import { demoModeNote, setUpConfiguredRichMenus } from './line-rich-menus.ts';

let standIn: LineStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  expect(standIn?.violations ?? []).toEqual([]);
  standIn = undefined;
});

const output = () => {
  const lines: string[] = [];
  return {
    lines,
    out: { log: (line: string) => lines.push(line), error: (line: string) => lines.push(line) },
  };
};

it('explains that demo mode sets up its own menus, and succeeds', async () => {
  const { lines, out } = output();
  expect(await setUpConfiguredRichMenus({}, out)).toBe(0);
  expect(lines).toEqual([demoModeNote]);
});

it('sets up the menus on the configured channel, once however often it runs', async () => {
  const channelSecret = randomBytes(16).toString('hex');
  const channelAccessToken = randomBytes(24).toString('base64url');
  standIn = await startLineStandIn({ channelSecret, channelAccessToken, loginChannelId: '1657000000' });
  const env = {
    LINE_CHANNEL_SECRET: channelSecret,
    LINE_CHANNEL_ACCESS_TOKEN: channelAccessToken,
    LINE_LOGIN_CHANNEL_ID: '1657000000',
    LIFF_ID: '1657000000-AbCdEfGh',
    LINE_API_BASE_URL: standIn.urls.api,
    LINE_DATA_API_BASE_URL: standIn.urls.data,
  };
  const first = output();
  expect(await setUpConfiguredRichMenus(env, first.out)).toBe(0);
  const aliases = standIn.inspect.richMenuAliases();
  expect(standIn.inspect.defaultRichMenu()).toBe(aliases.join);
  expect(first.lines.at(-1)).toBe(
    `Rich menus ready: join ${aliases.join} (default), member ${aliases.member}`,
  );

  const again = output();
  expect(await setUpConfiguredRichMenus(env, again.out)).toBe(0);
  expect(again.lines).toEqual([first.lines.at(-1)]);
  expect(standIn.inspect.richMenus()).toHaveLength(2);
});

it('names what is wrong with the configuration and fails', async () => {
  const { lines, out } = output();
  expect(await setUpConfiguredRichMenus({ LIFF_ID: 'nope' }, out)).toBe(1);
  expect(lines.join('\n')).toContain('LIFF_ID');
});
