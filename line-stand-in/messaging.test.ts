import { randomUUID } from 'node:crypto';
import { messagingApi } from '@line/bot-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lineFailure, startTestLine, type TestLine, textMessage } from './test-kit.ts';

let t: TestLine;
beforeEach(async () => {
  t = await startTestLine();
});
afterEach(async () => {
  await t.line.close();
});

const texts = (userId: string) => t.line.inspect.messagesTo(userId).map((m) => [m.via, m.message.text]);

describe('sending messages through the real SDK', () => {
  it('pushes to a friend, answering sentMessages with id and quoteToken and a request id header', async () => {
    const shopper = await t.friend();
    const { body, httpResponse } = await t.client.pushMessageWithHttpInfo({
      to: shopper.userId,
      messages: [textMessage('您好'), { type: 'sticker', packageId: '446', stickerId: '1988' }],
    });
    expect(body.sentMessages).toEqual([
      { id: expect.stringMatching(/^\d{18}$/), quoteToken: expect.any(String) },
      { id: expect.stringMatching(/^\d{18}$/), quoteToken: expect.any(String) },
    ]);
    const requestId = httpResponse.headers.get('x-line-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(t.line.inspect.messagesTo(shopper.userId)[0]).toMatchObject({
      via: 'push',
      requestId,
      retryKey: null,
      sentMessageId: body.sentMessages[0]!.id,
      message: { type: 'text', text: '您好' },
    });
  });

  it('accepts a push to a user who blocked the account but delivers and counts nothing', async () => {
    const shopper = await t.friend();
    await t.line.shoppers.block(shopper.userId);
    await t.client.pushMessage({ to: shopper.userId, messages: [textMessage('hi')] });
    expect(t.line.inspect.messagesTo(shopper.userId)).toEqual([]);
    expect(t.line.inspect.quotaUsed()).toBe(0);
  });

  it('refuses a push to a user ID that names nobody', async () => {
    const failure = await lineFailure(
      t.client.pushMessage({ to: `U${'0'.repeat(32)}`, messages: [textMessage('x')] }),
    );
    expect(failure).toMatchObject({ status: 400, body: { message: 'Failed to send messages' } });
  });

  it('multicasts, broadcasts and narrowcasts to friends only, counting each recipient', async () => {
    const [a, b] = [await t.friend(), await t.friend()];
    const stranger = t.line.shoppers.create();
    await t.client.multicast({ to: [a.userId, b.userId, stranger.userId], messages: [textMessage('m')] });
    await t.client.broadcast({ messages: [textMessage('b')] });
    const narrowcast = await t.client.narrowcastWithHttpInfo({ messages: [textMessage('n')] });
    expect(narrowcast.httpResponse.status).toBe(202);
    expect(texts(a.userId)).toEqual([
      ['multicast', 'm'],
      ['broadcast', 'b'],
      ['narrowcast', 'n'],
    ]);
    expect(t.line.inspect.messagesTo(stranger.userId)).toEqual([]);
    expect(t.line.inspect.quotaUsed()).toBe(6);

    const requestId = narrowcast.httpResponse.headers.get('x-line-request-id')!;
    expect(await t.client.getNarrowcastProgress(requestId)).toMatchObject({
      phase: 'succeeded',
      successCount: 2,
      targetCount: 2,
    });
  });

  it('validates messages without sending them', async () => {
    await t.client.validatePush({ messages: [textMessage('ok')] });
    await t.client.validateReply({ messages: [textMessage('ok')] });
    await t.client.validateMulticast({ messages: [textMessage('ok')] });
    await t.client.validateNarrowcast({ messages: [textMessage('ok')] });
    await t.client.validateBroadcast({ messages: [textMessage('ok')] });
    const failure = await lineFailure(
      t.client.validatePush({ messages: [{ type: 'text' } as messagingApi.Message] }),
    );
    expect(failure.body.details).toEqual([{ message: 'must be specified', property: 'messages[0].text' }]);
    expect(t.line.inspect.messages()).toEqual([]);
    expect(t.line.violations).toEqual([]);
  });

  it('refuses six messages in one request with details, as LINE does', async () => {
    const shopper = await t.friend();
    const messages = Array.from({ length: 6 }, (_, i) => textMessage(String(i)));
    const failure = await lineFailure(t.client.pushMessage({ to: shopper.userId, messages }));
    expect(failure).toMatchObject({
      status: 400,
      body: {
        message: 'The request body has 1 error(s)',
        details: [{ message: 'Size must be between 1 and 5', property: 'messages' }],
      },
    });
    expect(t.line.inspect.messagesTo(shopper.userId)).toEqual([]);
  });

  it('refuses a multicast to more than 500 users', async () => {
    const to = Array.from({ length: 501 }, () => `U${randomUUID().replaceAll('-', '')}`);
    const failure = await lineFailure(t.client.multicast({ to, messages: [textMessage('x')] }));
    expect(failure.body.details).toContainEqual({
      message: 'Size must be between 1 and 500',
      property: 'to',
    });
  });
});

describe('authentication', () => {
  it('answers 401 with LINE message to a wrong access token, on both hosts', async () => {
    const options = { channelAccessToken: 'wrong', baseURL: t.line.urls.api };
    const wrong = new messagingApi.MessagingApiClient(options);
    const wrongBlob = new messagingApi.MessagingApiBlobClient({ ...options, baseURL: t.line.urls.data });
    const expected = {
      status: 401,
      body: {
        message: 'Authentication failed. Confirm that the access token in the authorization header is valid.',
      },
    };
    expect(await lineFailure(wrong.getBotInfo())).toMatchObject(expected);
    expect(await lineFailure(wrongBlob.getMessageContent('1'))).toMatchObject(expected);
    const missing = await fetch(`${t.line.urls.api}/v2/bot/info`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('x-line-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
