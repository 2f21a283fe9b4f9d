import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chatMessages } from '../../db/schema.ts';
import type { Actor } from '../domain/actor.ts';
import { recordAnswer } from '../domain/chat/answer.ts';
import { friendOf, handClock, shopperWrites, startChatProduct } from '../testing/chat.ts';
import { addStaff } from '../testing/staff.ts';

let product: Awaited<ReturnType<typeof startChatProduct>>;
let clock: ReturnType<typeof handClock>;
let ming: string;
let ada: Actor;

beforeEach(async () => {
  clock = handClock();
  // The answer sender looks only when woken, and leaves an answer to its own instance for a minute.
  product = await startChatProduct({ clock, app: { work: { leaseMs: 60_000, pollMs: 600_000 } } });
  ming = await friendOf(product);
  const admin = await addStaff(product.engine, 'ada', 'admin');
  ada = { staffId: admin.id, storeId: null, ip: null, may: 'everything' };
});
afterEach(() => product.close());

const stored = (id: number) =>
  product.engine.read(
    async (tx) => (await tx.select().from(chatMessages).where(eq(chatMessages.id, id)))[0]!,
  );

describe('answers an instance recorded and never sent', () => {
  it('go as pushes under their retry key once the lease is over, the reply token long expired', async () => {
    const { conversationId } = await shopperWrites(product, ming, '請問有停車位嗎');
    const requestId = randomUUID();
    // The instance took the reply token for it, and died before it replied.
    const recorded = await recordAnswer(
      product.engine,
      ada,
      conversationId,
      { text: '有的', requestId },
      clock.now(),
    );
    expect(recorded.replyToken).not.toBeNull();
    product.engine.signal('chat_work');
    clock.advance(61_000);
    product.engine.signal('chat_work');
    await vi.waitFor(
      async () => expect(await stored(recorded.message.id)).toMatchObject({ status: 'sent' }),
      {
        timeout: 10_000,
        interval: 20,
      },
    );
    expect(await stored(recorded.message.id)).toMatchObject({
      delivery: 'push',
      lineMessageId: expect.any(String),
    });
    expect(product.line.inspect.messagesTo(ming).filter((m) => m.message.text === '有的')).toMatchObject([
      { via: 'push', retryKey: requestId },
    ]);
  });

  it('count as sent when LINE had already accepted the push (409 on the retry key), delivered once', async () => {
    const { conversationId } = await shopperWrites(product, ming, '在嗎');
    clock.advance(60_000); // the reply token is no longer fresh: the answer goes by push
    const requestId = randomUUID();
    const recorded = await recordAnswer(
      product.engine,
      ada,
      conversationId,
      { text: '在的', requestId },
      clock.now(),
    );
    expect(recorded.replyToken).toBeNull();
    // LINE accepted the push, and the instance died before it recorded that.
    await product.app.line.messaging.pushMessage(
      { to: ming, messages: [{ type: 'text', text: '在的' }] },
      requestId,
    );
    clock.advance(61_000);
    product.engine.signal('chat_work');
    await vi.waitFor(
      async () => expect(await stored(recorded.message.id)).toMatchObject({ status: 'sent' }),
      {
        timeout: 10_000,
        interval: 20,
      },
    );
    expect(product.line.inspect.messagesTo(ming).filter((m) => m.message.text === '在的')).toHaveLength(1);
  });
});
