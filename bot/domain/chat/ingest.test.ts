import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../db/engine.ts';
import { chatMedia, conversations } from '../../../db/schema.ts';
import { openTestEngine } from '../../../db/test-engine.ts';
import { chatWith, type IncomingMessage, recordIncoming } from './ingest.ts';

const at = new Date('2026-11-30T03:00:00Z');
let engine: Engine;
beforeEach(async () => {
  engine = await openTestEngine();
});
afterEach(() => engine.close());

let counter = 0;
const shopper = 'U0123456789abcdef0123456789abcdef';
function incoming(message: Partial<IncomingMessage['message']> = {}, sentAt = at): IncomingMessage {
  counter++;
  return {
    lineUserId: shopper,
    webhookEventId: `01EVENT${counter}`,
    message: { id: `${1000 + counter}`, type: 'text', text: '你好', ...message },
    sentAt,
  };
}
const conversation = async () =>
  (
    await engine.read((tx) => tx.select().from(conversations).where(eq(conversations.lineUserId, shopper)))
  )[0]!;

describe('a shopper’s message joins their conversation', () => {
  it('keeps LINE’s quote and read tokens, and counts a redelivered event once', async () => {
    const event = incoming({ quoteToken: 'q-1', markAsReadToken: 'r-1' });
    const first = await recordIncoming(engine, event);
    const again = await recordIncoming(engine, event);
    expect(again).toEqual({ ...first, fresh: false });
    expect(first.fresh).toBe(true);
    const log = await engine.read((tx) => chatWith(tx, shopper));
    expect(log).toMatchObject([{ direction: 'in', text: '你好', quoteToken: 'q-1', markAsReadToken: 'r-1' }]);
    expect(await conversation()).toMatchObject({
      status: 'open',
      mode: 'bot',
      unread: 1,
      lastMessageId: first.messageId,
    });
  });

  it('counts each new message unread and keeps the latest as the last, whatever order they arrive in', async () => {
    const later = await recordIncoming(engine, incoming({}, new Date(at.getTime() + 60_000)));
    await recordIncoming(engine, incoming({}, at));
    expect(await conversation()).toMatchObject({
      unread: 2,
      lastMessageId: later.messageId,
      lastMessageAt: new Date(at.getTime() + 60_000),
      lastIncomingAt: new Date(at.getTime() + 60_000),
    });
  });

  it('opens a conversation staff had marked done again', async () => {
    const { conversationId } = await recordIncoming(engine, incoming());
    await engine.write((tx) =>
      tx.update(conversations).set({ status: 'done', unread: 0 }).where(eq(conversations.id, conversationId)),
    );
    await recordIncoming(engine, incoming({ text: '還有一個問題' }));
    expect(await conversation()).toMatchObject({ status: 'open', unread: 1 });
  });

  it('queues the images, videos, audio and files LINE holds for fetching, and not those at another provider', async () => {
    const image = await recordIncoming(
      engine,
      incoming({ type: 'image', contentProvider: { type: 'line' } }),
    );
    const file = await recordIncoming(engine, incoming({ type: 'file' }));
    await recordIncoming(engine, incoming({ type: 'image', contentProvider: { type: 'external' } }));
    await recordIncoming(engine, incoming({ type: 'sticker' }));
    const media = await engine.read((tx) => tx.select().from(chatMedia));
    expect(media.map((m) => [m.messageId, m.status])).toEqual([
      [image.messageId, 'pending'],
      [file.messageId, 'pending'],
    ]);
  });
});
