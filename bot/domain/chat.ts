import { asc, eq } from 'drizzle-orm';
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
