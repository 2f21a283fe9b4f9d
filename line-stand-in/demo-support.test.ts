import { afterEach, expect, it } from 'vitest';
import { startLineStandIn } from './index.ts';
import { startTestLine, startWebhookReceiver } from './test-kit.ts';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

it("shows a shopper's chat in order: what they sent and what the account answered", async () => {
  const t = await startTestLine();
  const hook = await startWebhookReceiver();
  closers.push(
    () => t.line.close(),
    () => hook.close(),
  );
  t.line.setWebhookUrl(hook.url);
  const amy = await t.friend('Amy');
  t.clock.advance(1000);
  await t.line.shoppers.sendText(amy.userId, '點數');
  t.clock.advance(1000);
  await t.client.pushMessage({ to: amy.userId, messages: [{ type: 'text', text: '您有 120 點' }] });

  const response = await fetch(`${t.line.urls.api}/_stand-in/shoppers/${amy.userId}/chat`);
  const chat = (await response.json()) as {
    from: string;
    event?: { type: string };
    message?: { text: string };
  }[];
  expect(chat.map((entry) => [entry.from, entry.event?.type ?? entry.message?.text])).toEqual([
    ['shopper', 'follow'],
    ['shopper', 'message'],
    ['account', '您有 120 點'],
  ]);
});

it('starts again from a snapshot, keeping its shoppers, and tells the phone page where the LIFF app is', async () => {
  const first = await startTestLine();
  const amy = await first.friend('Amy');
  const snapshot = first.line.snapshot();
  await first.line.close();

  const again = await startLineStandIn({
    channelSecret: 'a'.repeat(32),
    channelAccessToken: 'token',
    loginChannelId: '1657000000',
    liffUrl: 'http://127.0.0.1:3000/liff/member/',
    state: snapshot,
  });
  closers.push(() => again.close());
  expect(again.shoppers.get(amy.userId)).toMatchObject({ displayName: 'Amy', friendship: 'friend' });
  expect(await (await fetch(`${again.urls.api}/_stand-in/config`)).json()).toMatchObject({
    liffUrl: 'http://127.0.0.1:3000/liff/member/',
    loginChannelId: '1657000000',
  });
});
