import { and, asc, eq } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { chatMessages } from '../../db/schema.ts';

export type ChatMessage = typeof chatMessages.$inferSelect;

export interface IncomingMessage {
  lineUserId: string;
  webhookEventId: string;
  /** LINE's message object: `{id, type, text?, ...}`. */
  message: { id: string; type: string; text?: string };
  sentAt: Date;
}

/**
 * Keeps a message a shopper wrote to the account, for the one-to-one chat with staff.
 * Keyed by the webhook event, so a redelivered event is not logged twice. Relaxed, as the event's done mark is
 * (ADR 0003): a message a power cut loses is logged again when its event is processed again.
 */
export async function recordIncomingMessage(engine: Engine, incoming: IncomingMessage): Promise<void> {
  await engine.write(
    async (tx) => {
      await tx
        .insert(chatMessages)
        .values({
          lineUserId: incoming.lineUserId,
          direction: 'in',
          kind: incoming.message.type,
          text: incoming.message.text ?? null,
          payload: incoming.message,
          webhookEventId: incoming.webhookEventId,
          lineMessageId: incoming.message.id,
          sentAt: incoming.sentAt,
        })
        .onConflictDoNothing({ target: chatMessages.webhookEventId });
    },
    { durability: 'relaxed' },
  );
}

export async function chatWith(tx: Tx, lineUserId: string): Promise<ChatMessage[]> {
  return await tx
    .select()
    .from(chatMessages)
    .where(eq(chatMessages.lineUserId, lineUserId))
    .orderBy(asc(chatMessages.sentAt), asc(chatMessages.id));
}

/**
 * The shopper took a message back (LINE's unsend event): its text and content are erased from the conversation
 * log, keeping only that a message of this kind was there and was taken back, as LINE asks of services that
 * store messages.
 */
export async function eraseUnsentMessage(
  engine: Engine,
  lineUserId: string,
  lineMessageId: string,
): Promise<void> {
  await engine.write(async (tx) => {
    const [message] = await tx
      .select({ id: chatMessages.id, kind: chatMessages.kind })
      .from(chatMessages)
      .where(and(eq(chatMessages.lineUserId, lineUserId), eq(chatMessages.lineMessageId, lineMessageId)));
    if (!message) return;
    await tx
      .update(chatMessages)
      .set({ text: null, payload: { id: lineMessageId, type: message.kind, unsent: true } })
      .where(eq(chatMessages.id, message.id));
  });
}
