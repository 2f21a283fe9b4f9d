import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lineFailure, startTestLine, type TestLine } from './test-kit.ts';

let t: TestLine;
beforeEach(async () => {
  t = await startTestLine();
});
afterEach(async () => {
  await t.line.close();
});

describe('users, the bot and chat features', () => {
  it('shows the profile of a friend only', async () => {
    const friend = t.line.shoppers.create({ displayName: 'Amy', language: 'en' });
    expect(await lineFailure(t.client.getProfile(friend.userId))).toMatchObject({
      status: 404,
      body: { message: 'Not found' },
    });
    await t.line.shoppers.follow(friend.userId);
    expect(await t.client.getProfile(friend.userId)).toEqual({
      userId: friend.userId,
      displayName: 'Amy',
      pictureUrl: friend.pictureUrl,
      language: 'en',
    });
    await t.line.shoppers.block(friend.userId);
    expect((await lineFailure(t.client.getProfile(friend.userId))).status).toBe(404);
  });

  it('pages follower IDs with limit and next, in the order they became friends', async () => {
    const friends = [await t.friend(), await t.friend(), await t.friend()];
    const first = await t.client.getFollowers(undefined, 2);
    expect(first.userIds).toEqual(friends.slice(0, 2).map((f) => f.userId));
    const second = await t.client.getFollowers(first.next, 2);
    expect(second).toEqual({ userIds: [friends[2]!.userId] });
    expect((await lineFailure(t.client.getFollowers(undefined, 1001))).status).toBe(400);
  });

  it('tells the bot info and the quota', async () => {
    expect(await t.client.getBotInfo()).toMatchObject({ userId: expect.stringMatching(/^U[0-9a-f]{32}$/) });
    expect(await t.client.getMessageQuota()).toEqual({ type: 'limited', value: 200 });
    expect(await t.client.getMessageQuotaConsumption()).toEqual({ totalUsage: 0 });
  });

  it('shows a loading animation to a user, in steps of 5 seconds up to 60, one-to-one only', async () => {
    const shopper = await t.friend();
    const { httpResponse } = await t.client.showLoadingAnimationWithHttpInfo({
      chatId: shopper.userId,
      loadingSeconds: 10,
    });
    expect(httpResponse.status).toBe(202);
    expect(t.line.inspect.loadingAnimations()).toEqual([
      { chatId: shopper.userId, loadingSeconds: 10, at: t.clock.now() },
    ]);
    for (const loadingSeconds of [7, 65, 0]) {
      const failure = await lineFailure(
        t.client.showLoadingAnimation({ chatId: shopper.userId, loadingSeconds }),
      );
      expect(failure.status).toBe(400);
    }
    const group = await lineFailure(
      t.client.showLoadingAnimation({ chatId: `C${'a'.repeat(32)}`, loadingSeconds: 5 }),
    );
    expect(group.body.details).toEqual([{ message: 'Invalid format', property: 'chatId' }]);
  });

  it('marks a shopper message as read with its markAsReadToken', async () => {
    const shopper = await t.friend();
    const delivery = await t.line.shoppers.sendText(shopper.userId, '在嗎?');
    const message = delivery.events[0]!.message as { id: string; markAsReadToken: string };
    await t.client.markMessagesAsReadByToken({ markAsReadToken: message.markAsReadToken });
    expect(t.line.inspect.readAt(message.id)).toBe(t.clock.now());
    expect((await lineFailure(t.client.markMessagesAsReadByToken({ markAsReadToken: 'nope' }))).status).toBe(
      400,
    );
  });

  it('serves the bytes of an image a shopper sent on the data host', async () => {
    const shopper = await t.friend();
    const bytes = Buffer.from('a receipt photo');
    const delivery = await t.line.shoppers.sendImage(shopper.userId, { bytes, contentType: 'image/jpeg' });
    const { id } = delivery.events[0]!.message as { id: string };
    const stream = await t.blob.getMessageContent(id);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(bytes);
  });
});
