import { afterEach, expect, it } from 'vitest';
import { startTestLine } from './test-kit.ts';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

it("answers GET /v2/bot/info with the account's name as told, and gives the phone the same name", async () => {
  const t = await startTestLine({ botName: '好日子咖啡' });
  closers.push(() => t.line.close());
  expect(await t.client.getBotInfo()).toMatchObject({ displayName: '好日子咖啡', chatMode: 'bot' });
  const config = await (await fetch(`${t.line.urls.api}/_stand-in/config`)).json();
  expect(config).toMatchObject({ botName: '好日子咖啡' });
  expect(t.line.violations).toEqual([]);
});

it('calls itself "LINE stand-in" when no name is given', async () => {
  const t = await startTestLine();
  closers.push(() => t.line.close());
  expect((await t.client.getBotInfo()).displayName).toBe('LINE stand-in');
});
