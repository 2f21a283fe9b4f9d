import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { lineFailure, startTestLine, type TestLine, textMessage } from './test-kit.ts';

let t: TestLine;
afterEach(async () => {
  await t.line.close();
});

const RATE_LIMITED = {
  status: 429,
  body: { message: 'The API rate limit has been exceeded. Try again later.' },
};
const MONTHLY_LIMIT = { status: 429, body: { message: 'You have reached your monthly limit.' } };

describe('rate limits per endpoint', () => {
  it('holds push to its per-second limit and admits again in the next second', async () => {
    t = await startTestLine({ limits: { rates: { pushMessage: { max: 2, windowMs: 1000 } } } });
    const shopper = await t.friend();
    const push = () => t.client.pushMessage({ to: shopper.userId, messages: [textMessage('x')] });
    await push();
    await push();
    expect(await lineFailure(push())).toMatchObject(RATE_LIMITED);
    // Other endpoints keep their own counters.
    await t.client.getBotInfo();
    t.clock.advance(1000);
    await push();
  });

  it('holds broadcast to 60 an hour by default', async () => {
    t = await startTestLine({ limits: { monthlyQuota: null } });
    for (let i = 0; i < 60; i++) await t.client.broadcast({ messages: [textMessage(`#${i}`)] });
    expect(await lineFailure(t.client.broadcast({ messages: [textMessage('61st')] }))).toMatchObject(
      RATE_LIMITED,
    );
    t.clock.advance(59 * 60_000);
    expect((await lineFailure(t.client.broadcast({ messages: [textMessage('later')] }))).status).toBe(429);
    t.clock.advance(60_000);
    await t.client.broadcast({ messages: [textMessage('next hour')] });
  });

  it('uses LINE limits for reply, multicast, loading, narrowcast and rich menus unless told otherwise', async () => {
    t = await startTestLine({ limits: { rates: { narrowcast: { max: 1, windowMs: 3_600_000 } } } });
    await t.client.narrowcast({ messages: [textMessage('a')] });
    expect(await lineFailure(t.client.narrowcast({ messages: [textMessage('b')] }))).toMatchObject(
      RATE_LIMITED,
    );
    const { LINE_LIMITS } = await import('./limits.ts');
    expect(LINE_LIMITS.rates).toMatchObject({
      replyMessage: { max: 2000, windowMs: 1000 },
      multicast: { max: 200, windowMs: 1000 },
      showLoadingAnimation: { max: 100, windowMs: 1000 },
      createRichMenu: { max: 100, windowMs: 3_600_000 },
      deleteRichMenu: { max: 100, windowMs: 3_600_000 },
    });
  });

  it('holds other endpoints to the default (2,000 a second at LINE), each counted apart', async () => {
    t = await startTestLine({ limits: { defaultRate: { max: 3, windowMs: 1000 } } });
    for (let i = 0; i < 3; i++) await t.client.getBotInfo();
    expect(await lineFailure(t.client.getBotInfo())).toMatchObject(RATE_LIMITED);
    await t.client.getMessageQuota();
  });
});

describe('the monthly quota', () => {
  it('counts push, multicast and broadcast per recipient, never replies, and refuses past the limit', async () => {
    t = await startTestLine({ limits: { monthlyQuota: 4 } });
    const [a, b] = [await t.friend(), await t.friend()];
    await t.client.multicast({ to: [a.userId, b.userId], messages: [textMessage('1'), textMessage('2')] });
    await t.client.broadcast({ messages: [textMessage('3')] });
    expect(await t.client.getMessageQuotaConsumption()).toEqual({ totalUsage: 4 });

    const failure = await lineFailure(t.client.pushMessage({ to: a.userId, messages: [textMessage('no')] }));
    expect(failure).toMatchObject(MONTHLY_LIMIT);
    const retryKey = randomUUID();
    expect(
      await lineFailure(t.client.pushMessage({ to: a.userId, messages: [textMessage('no')] }, retryKey)),
    ).toMatchObject(MONTHLY_LIMIT);

    const { events } = await t.line.shoppers.sendText(a.userId, 'hello?');
    await t.client.replyMessage({ replyToken: events[0]!.replyToken!, messages: [textMessage('free')] });
    expect(t.line.inspect.quotaUsed()).toBe(4);
  });

  it('starts again in a new month', async () => {
    t = await startTestLine({ limits: { monthlyQuota: 1 } });
    const shopper = await t.friend();
    await t.client.pushMessage({ to: shopper.userId, messages: [textMessage('July')] });
    expect(
      (await lineFailure(t.client.pushMessage({ to: shopper.userId, messages: [textMessage('x')] }))).status,
    ).toBe(429);
    t.clock.advance(31 * 24 * 3_600_000);
    await t.client.pushMessage({ to: shopper.userId, messages: [textMessage('August')] });
    expect(t.line.inspect.quota()).toEqual({ limit: 1, used: 1 });
  });

  it('can be unlimited', async () => {
    t = await startTestLine({ limits: { monthlyQuota: null } });
    expect(await t.client.getMessageQuota()).toEqual({ type: 'none' });
    const shopper = await t.friend();
    await t.client.pushMessage({ to: shopper.userId, messages: [textMessage('still counted')] });
    expect(await t.client.getMessageQuotaConsumption()).toEqual({ totalUsage: 1 });
  });
});

describe('reply tokens', () => {
  it('accept one reply within a minute of the event', async () => {
    t = await startTestLine();
    const shopper = t.line.shoppers.create();
    const { events } = await t.line.shoppers.follow(shopper.userId);
    const replyToken = events[0]!.replyToken!;
    t.clock.advance(59_000);
    const { sentMessages } = await t.client.replyMessage({ replyToken, messages: [textMessage('歡迎')] });
    expect(sentMessages).toHaveLength(1);
    expect(t.line.inspect.messagesTo(shopper.userId)).toMatchObject([
      { via: 'reply', message: { text: '歡迎' } },
    ]);
  });

  it('refuse a used, an unknown and an expired token alike', async () => {
    t = await startTestLine();
    const shopper = await t.friend();
    const invalid = { status: 400, body: { message: 'Invalid reply token' } };
    const used = (await t.line.shoppers.sendText(shopper.userId, 'a')).events[0]!.replyToken!;
    await t.client.replyMessage({ replyToken: used, messages: [textMessage('1')] });
    expect(
      await lineFailure(t.client.replyMessage({ replyToken: used, messages: [textMessage('2')] })),
    ).toMatchObject(invalid);
    const unknown = 'f'.repeat(32);
    expect(
      await lineFailure(t.client.replyMessage({ replyToken: unknown, messages: [textMessage('3')] })),
    ).toMatchObject(invalid);
    const late = (await t.line.shoppers.postback(shopper.userId, 'action=x')).events[0]!.replyToken!;
    t.clock.advance(60_001);
    expect(
      await lineFailure(t.client.replyMessage({ replyToken: late, messages: [textMessage('4')] })),
    ).toMatchObject(invalid);
    expect(t.line.inspect.messagesTo(shopper.userId)).toHaveLength(1);
  });
});
