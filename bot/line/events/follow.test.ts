import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatWith } from '../../domain/chat/ingest.ts';
import { findFriend } from '../../domain/friends.ts';
import { type Product, startProduct } from '../../testing/harness.ts';

let product: Product;
beforeEach(async () => {
  product = await startProduct();
});
afterEach(() => product.close());

const friend = (userId: string) => product.engine.read((tx) => findFriend(tx, userId));
const chatOf = (userId: string) => product.engine.read((tx) => chatWith(tx, userId));
const textsTo = (userId: string) =>
  product.line.inspect.messagesTo(userId).map((m) => (m.message as { text?: string }).text);

describe('follow and unfollow, delivered by the LINE stand-in', () => {
  it('records a new friend with their LINE profile and welcomes them with a reply', async () => {
    const shopper = product.line.shoppers.create({ displayName: '王小明', language: 'zh-TW' });
    const delivery = await product.line.shoppers.follow(shopper.userId);
    expect(delivery.status).toBe(200);
    await product.app.events.idle();

    expect(await friend(shopper.userId)).toMatchObject({
      displayName: '王小明',
      language: 'zh-TW',
      status: 'friend',
      blockedAt: null,
    });
    const [welcome] = product.line.inspect.messagesTo(shopper.userId);
    expect(welcome).toMatchObject({ via: 'reply' });
    expect(textsTo(shopper.userId)).toEqual([expect.stringContaining('王小明,您好!感謝加入好友')]);
  });

  it('greets an English-speaking friend in English', async () => {
    const shopper = product.line.shoppers.create({ displayName: 'Amy', language: 'en' });
    await product.line.shoppers.follow(shopper.userId);
    await product.app.events.idle();
    expect(textsTo(shopper.userId)).toEqual([expect.stringMatching(/^Hi Amy, thanks for adding us!/)]);
  });

  it('marks a friend who blocks the account as blocked, with the time, and deletes nothing', async () => {
    const shopper = product.line.shoppers.create({ displayName: '陳美麗' });
    await product.line.shoppers.follow(shopper.userId);
    await product.app.events.idle();
    await product.line.shoppers.block(shopper.userId);
    await product.app.events.idle();

    const blocked = await friend(shopper.userId);
    expect(blocked).toMatchObject({ displayName: '陳美麗', status: 'blocked' });
    expect(blocked?.blockedAt).toBeInstanceOf(Date);
  });

  it('makes a friend who unblocks the account a friend again and welcomes them back', async () => {
    const shopper = product.line.shoppers.create({ displayName: '林大同' });
    await product.line.shoppers.follow(shopper.userId);
    await product.line.shoppers.block(shopper.userId);
    await product.line.shoppers.unblock(shopper.userId);
    await product.app.events.idle();

    expect(await friend(shopper.userId)).toMatchObject({ status: 'friend', blockedAt: null });
    expect(textsTo(shopper.userId)).toEqual([
      expect.stringContaining('感謝加入好友'),
      expect.stringContaining('歡迎回來'),
    ]);
  });

  it('welcomes a shopper who adds the account and writes exactly once, however often LINE redelivers', async () => {
    const shopper = product.line.shoppers.create({ displayName: '張志豪' });
    const first = await product.line.shoppers.follow(shopper.userId);
    await product.line.shoppers.sendText(shopper.userId, '哈囉');
    const eventId = first.events[0]!.webhookEventId;
    const redeliveries = await Promise.all(
      Array.from({ length: 20 }, () => product.line.shoppers.redeliver(eventId)),
    );
    expect(redeliveries.map((d) => d.status)).toEqual(Array(20).fill(200));
    await product.app.events.idle();

    // The welcome, then the chat's one automatic answer to 哈囉 (the away or the "we will reply soon" text).
    expect(textsTo(shopper.userId)).toEqual([
      expect.stringContaining('張志豪,您好!感謝加入好友'),
      expect.stringContaining('謝謝您的訊息'),
    ]);
    expect((await chatOf(shopper.userId)).map((m) => [m.direction, m.staffId])).toEqual([
      ['in', null],
      ['out', null],
    ]);
    expect((await chatOf(shopper.userId))[0]!.text).toBe('哈囉');
  });

  it('keeps what a friend writes in the conversation log', async () => {
    const shopper = product.line.shoppers.create();
    await product.line.shoppers.follow(shopper.userId);
    await product.line.shoppers.sendText(shopper.userId, '請問週末有活動嗎?');
    await product.app.events.idle();
    expect(await chatOf(shopper.userId)).toMatchObject([
      { direction: 'in', kind: 'text', text: '請問週末有活動嗎?' },
      { direction: 'out', staffId: null, delivery: 'reply', status: 'sent' },
    ]);
  });
});
