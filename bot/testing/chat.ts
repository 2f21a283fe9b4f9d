import type { Engine } from '../../db/engine.ts';
import { startWebhookReceiver } from '../../line-stand-in/test-kit.ts';
import type { AppOptions } from '../app.ts';
import { type LineMessageObject, recordIncoming } from '../domain/chat/ingest.ts';
import { recordFollow, rememberUnusedReplyToken } from '../domain/friends.ts';
import { type Product, startProduct } from './harness.ts';

/** A clock the test moves by hand, shared by the product and the LINE stand-in. */
export function handClock(start = Date.UTC(2026, 10, 30, 2, 0, 0)) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

/**
 * A product whose LINE stand-in delivers the shopper's events to the test instead: the test records them as the
 * webhook does (ingest, the unused reply token, the follow), without the chat's automatic answers, which would
 * take the reply tokens the inbox's tests are about.
 */
export async function startChatProduct(
  options: { clock?: ReturnType<typeof handClock>; engine?: Engine; app?: Partial<AppOptions> } = {},
) {
  const product = await startProduct(options);
  const receiver = await startWebhookReceiver();
  product.line.setWebhookUrl(receiver.url);
  return {
    ...product,
    async close() {
      await receiver.close();
      await product.close();
    },
  };
}

/** A shopper of the stand-in who adds the account as a friend, as the follow handler records it. */
export async function friendOf(product: Product, displayName = '王小明') {
  const { userId } = product.line.shoppers.create({ displayName });
  const delivery = await product.line.shoppers.follow(userId);
  await recordFollow(product.engine, userId, { displayName }, new Date(delivery.events[0]!.timestamp));
  return userId;
}

/** The shopper writes `text`; the message is recorded as the webhook's message handler records it. */
export async function shopperWrites(product: Product, userId: string, text: string) {
  const delivery = await product.line.shoppers.sendText(userId, text);
  const event = delivery.events[0]!;
  const at = new Date(event.timestamp);
  const ingested = await recordIncoming(product.engine, {
    lineUserId: userId,
    webhookEventId: event.webhookEventId,
    message: event.message as LineMessageObject,
    sentAt: at,
  });
  await rememberUnusedReplyToken(product.engine, userId, event.replyToken!, at);
  return { ...ingested, lineMessageId: (event.message as LineMessageObject).id };
}
