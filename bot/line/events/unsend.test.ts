import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { chatMessages } from '../../../db/schema.ts';
import { lineUserId, textMessageEvent, unsendEvent, webhookBody } from '../../testing/events.ts';
import { type Product, startProduct } from '../../testing/harness.ts';

let product: Product;
beforeEach(async () => {
  product = await startProduct();
});
afterEach(() => product.close());

it('erases the words of a message the shopper takes back, and leaves their other messages', async () => {
  const shopper = lineUserId();
  const kept = textMessageEvent(shopper, '請問週末有營業嗎？');
  const takenBack = textMessageEvent(shopper, '我的電話是 0912345678');
  await product.postWebhook(webhookBody(kept, takenBack));
  await product.postWebhook(webhookBody(unsendEvent(shopper, takenBack.message.id)));
  await product.app.events.idle();
  const log = await product.engine.read((tx) =>
    tx.select().from(chatMessages).where(eq(chatMessages.lineUserId, shopper)),
  );
  expect(log.map((m) => m.text)).toEqual(['請問週末有營業嗎？', null]);
  expect(JSON.stringify(log[1])).not.toContain('0912345678');
  expect(log[1]!.payload).toEqual({ id: takenBack.message.id, type: 'text', unsent: true });
});
