import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lineFailure, startTestLine, type TestLine, textMessage } from './test-kit.ts';

let t: TestLine;
beforeEach(async () => {
  t = await startTestLine();
});
afterEach(async () => {
  await t.line.close();
});

describe('X-Line-Retry-Key', () => {
  it('answers a repeated push 409 with the first request id and sentMessages, and sends nothing again', async () => {
    const shopper = await t.friend();
    const retryKey = randomUUID();
    const request = { to: shopper.userId, messages: [textMessage('點數已入帳')] };
    const first = await t.client.pushMessageWithHttpInfo(request, retryKey);
    const firstRequestId = first.httpResponse.headers.get('x-line-request-id');

    const repeat = await lineFailure(t.client.pushMessage(request, retryKey));
    expect(repeat.status).toBe(409);
    expect(repeat.body).toEqual({
      message: 'The retry key is already accepted',
      sentMessages: first.body.sentMessages,
    });
    expect(repeat.headers.get('x-line-accepted-request-id')).toBe(firstRequestId);
    expect(repeat.headers.get('x-line-request-id')).not.toBe(firstRequestId);
    expect(t.line.inspect.messagesTo(shopper.userId)).toMatchObject([
      { retryKey, requestId: firstRequestId },
    ]);
    expect(t.line.inspect.quotaUsed()).toBe(1);
  });

  it('sends once when two requests with one key arrive together', async () => {
    const shopper = await t.friend();
    const retryKey = randomUUID();
    const push = () =>
      t.client.pushMessage({ to: shopper.userId, messages: [textMessage('once')] }, retryKey);
    const outcomes = await Promise.allSettled([push(), push(), push()]);
    expect(
      outcomes.map((o) => (o.status === 'fulfilled' ? 200 : (o.reason as { status: number }).status)).sort(),
    ).toEqual([200, 409, 409]);
    expect(t.line.inspect.messagesTo(shopper.userId)).toHaveLength(1);
  });

  it('answers repeats of multicast, broadcast and narrowcast 409 without sentMessages', async () => {
    const shopper = await t.friend();
    const keys = [randomUUID(), randomUUID(), randomUUID()];
    const calls = [
      (key: string) => t.client.multicast({ to: [shopper.userId], messages: [textMessage('m')] }, key),
      (key: string) => t.client.broadcast({ messages: [textMessage('b')] }, key),
      (key: string) => t.client.narrowcast({ messages: [textMessage('n')] }, key),
    ];
    for (const [i, call] of calls.entries()) {
      await call(keys[i]!);
      const repeat = await lineFailure(call(keys[i]!));
      expect(repeat).toMatchObject({ status: 409, body: { message: 'The retry key is already accepted' } });
      expect(repeat.body.sentMessages).toBeUndefined();
    }
    expect(t.line.inspect.messagesTo(shopper.userId)).toHaveLength(3);
  });

  it('sends again with the same key once 24 hours have passed', async () => {
    const shopper = await t.friend();
    const retryKey = randomUUID();
    const request = { to: shopper.userId, messages: [textMessage('hi')] };
    await t.client.pushMessage(request, retryKey);
    t.clock.advance(24 * 3_600_000 - 1);
    expect((await lineFailure(t.client.pushMessage(request, retryKey))).status).toBe(409);
    t.clock.advance(1);
    await t.client.pushMessage(request, retryKey);
    expect(t.line.inspect.messagesTo(shopper.userId)).toHaveLength(2);
  });

  it('does not remember a key whose request failed, so the retry goes through', async () => {
    const shopper = await t.friend();
    const retryKey = randomUUID();
    t.line.setFaults({ pushMessage: { serverErrorRate: 1 } });
    const request = { to: shopper.userId, messages: [textMessage('hi')] };
    expect((await lineFailure(t.client.pushMessage(request, retryKey))).status).toBe(500);
    t.line.setFaults({});
    await t.client.pushMessage(request, retryKey);
    expect(t.line.inspect.messagesTo(shopper.userId)).toHaveLength(1);
  });

  it('is refused on other endpoints, and when it is not a UUID, and both count as violations', async () => {
    const shopper = await t.friend();
    const withKey = (path: string, key: string, body: object) =>
      fetch(`${t.line.urls.api}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${t.channelAccessToken}`,
          'content-type': 'application/json',
          'x-line-retry-key': key,
        },
        body: JSON.stringify(body),
      });
    const { events } = await t.line.shoppers.sendText(shopper.userId, 'hi');
    const reply = await withKey('/v2/bot/message/reply', randomUUID(), {
      replyToken: events[0]!.replyToken,
      messages: [textMessage('x')],
    });
    expect(reply.status).toBe(400);
    const notUuid = await withKey('/v2/bot/message/push', 'retry-1', {
      to: shopper.userId,
      messages: [textMessage('x')],
    });
    expect(notUuid.status).toBe(400);
    expect(await notUuid.json()).toMatchObject({
      details: [{ message: 'Invalid format', property: 'X-Line-Retry-Key' }],
    });
    expect(t.line.violations.map((v) => v.operationId)).toEqual(['replyMessage', 'pushMessage']);
    expect(t.line.inspect.messagesTo(shopper.userId)).toEqual([]);
  });
});
