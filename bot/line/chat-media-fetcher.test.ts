import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { chatMedia, chatMessages } from '../../db/schema.ts';
import { handClock } from '../testing/chat.ts';
import { lineUserId, webhookBody } from '../testing/events.ts';
import { type Product, startProduct } from '../testing/harness.ts';

let product: Product;
afterEach(() => product.close());

const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

async function shopperSendsImage() {
  const shopper = product.line.shoppers.create();
  await product.line.shoppers.follow(shopper.userId);
  const delivery = await product.line.shoppers.sendImage(shopper.userId, {
    bytes: JPEG,
    contentType: 'image/jpeg',
  });
  await settled();
  return { userId: shopper.userId, lineMessageId: (delivery.events[0]!.message as { id: string }).id };
}
async function settled() {
  await product.app.events.idle();
  await product.app.chatMedia.idle();
}
const mediaOf = async (lineMessageId: string) =>
  (
    await product.engine.read((tx) =>
      tx
        .select({ media: chatMedia, message: chatMessages })
        .from(chatMedia)
        .innerJoin(chatMessages, eq(chatMessages.id, chatMedia.messageId))
        .where(eq(chatMessages.lineMessageId, lineMessageId)),
    )
  )[0]!;

describe('the chat’s media, fetched from LINE’s data host', () => {
  it('keeps the bytes and type of an image a shopper sends, fetched once', async () => {
    product = await startProduct();
    const { lineMessageId } = await shopperSendsImage();
    const { media } = await mediaOf(lineMessageId);
    expect(media).toMatchObject({
      status: 'fetched',
      contentType: 'image/jpeg',
      size: JPEG.length,
      attempts: 1,
    });
    expect(Buffer.from(media.content!)).toEqual(JPEG);
    product.app.chatMedia.wake();
    await settled();
    expect((await mediaOf(lineMessageId)).media.attempts).toBe(1);
  });

  it('tries again after LINE’s passing failure once the retry is due, and keeps the content then', async () => {
    const clock = handClock();
    product = await startProduct({ clock, app: { retryDelaysMs: [1_000, 1_000] } });
    product.line.setFaults({ getMessageContent: { serverErrorRate: 1 } });
    const { lineMessageId } = await shopperSendsImage();
    expect((await mediaOf(lineMessageId)).media).toMatchObject({ status: 'pending', attempts: 1 });
    product.line.setFaults({});
    clock.advance(1_000);
    product.app.chatMedia.wake();
    await settled();
    expect((await mediaOf(lineMessageId)).media).toMatchObject({ status: 'fetched', attempts: 2 });
  });

  it('fails at once content LINE no longer has (404), without trying again', async () => {
    product = await startProduct();
    const userId = lineUserId();
    const event = {
      type: 'message',
      mode: 'active',
      timestamp: Date.now(),
      source: { type: 'user', userId },
      webhookEventId: '01JGONECONTENT0000000000000',
      deliveryContext: { isRedelivery: false },
      message: { id: '555000111222', type: 'image', contentProvider: { type: 'line' } },
    };
    await product.postWebhook(webhookBody(event));
    await settled();
    expect((await mediaOf('555000111222')).media).toMatchObject({
      status: 'failed',
      attempts: 1,
      content: null,
    });
  });

  it('erases the kept image when the shopper takes the message back', async () => {
    product = await startProduct();
    const { userId, lineMessageId } = await shopperSendsImage();
    await product.line.shoppers.unsend(userId, lineMessageId);
    await settled();
    const { media, message } = await mediaOf(lineMessageId);
    expect(media).toMatchObject({ status: 'erased', content: null, contentType: null, size: null });
    expect(message.erasedAt).not.toBeNull();
    expect(message.payload).toEqual({ id: lineMessageId, type: 'image', unsent: true });
  });
});
