import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
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
 * Keyed by the webhook event, so a redelivered event is not logged twice.
 */
export function recordIncomingMessage(db: Db, incoming: IncomingMessage): void {
  db.insert(chatMessages)
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
    .onConflictDoNothing({ target: chatMessages.webhookEventId })
    .run();
}

export function chatWith(db: Db, lineUserId: string): ChatMessage[] {
  return db
    .select()
    .from(chatMessages)
    .where(eq(chatMessages.lineUserId, lineUserId))
    .orderBy(asc(chatMessages.sentAt), asc(chatMessages.id))
    .all();
}
