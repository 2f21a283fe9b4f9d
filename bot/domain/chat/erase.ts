import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { chatMedia, chatMessages } from '../../../db/schema.ts';

export type ErasedBecause = 'unsent' | 'retention' | 'deleted';

/**
 * What is left of an erased message: that a message of this kind was there, when, and why it went. Its text,
 * LINE's object (a file's name, a location's address), its media and LINE's tokens are gone.
 */
const leftOf = (row: { kind: string; lineMessageId: string | null }, why: ErasedBecause) =>
  why === 'unsent'
    ? { id: row.lineMessageId, type: row.kind, unsent: true }
    : { id: row.lineMessageId, type: row.kind, erased: why };

/** Erases the messages `ids` (and their media), keeping their kind and time. Returns how many it erased. */
export async function eraseMessages(tx: Tx, ids: number[], at: Date, why: ErasedBecause): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await tx
    .select({ id: chatMessages.id, kind: chatMessages.kind, lineMessageId: chatMessages.lineMessageId })
    .from(chatMessages)
    .where(and(inArray(chatMessages.id, ids), isNull(chatMessages.erasedAt)));
  for (const row of rows) {
    await tx
      .update(chatMessages)
      .set({ text: null, payload: leftOf(row, why), quoteToken: null, markAsReadToken: null, erasedAt: at })
      .where(eq(chatMessages.id, row.id));
  }
  await tx
    .update(chatMedia)
    .set({
      status: 'erased',
      content: null,
      preview: null,
      contentType: null,
      size: null,
      claimedBy: null,
      claimedUntil: null,
    })
    .where(inArray(chatMedia.messageId, ids));
  return rows.length;
}

/**
 * The shopper took a message back (LINE's unsend event): its text and media are erased from the conversation
 * log, keeping only that a message of this kind was there and was taken back, as LINE asks of services that
 * store messages.
 */
export async function eraseUnsentMessage(
  engine: Engine,
  lineUserId: string,
  lineMessageId: string,
  at: Date,
): Promise<void> {
  const count = await engine.write(async (tx) => {
    const ids = await tx
      .select({ id: chatMessages.id })
      .from(chatMessages)
      .where(and(eq(chatMessages.lineUserId, lineUserId), eq(chatMessages.lineMessageId, lineMessageId)));
    return eraseMessages(
      tx,
      ids.map((row) => row.id),
      at,
      'unsent',
    );
  });
  if (count > 0) engine.signal('chat');
}

/** Every message with the LINE account, both ways, erased (a PDPA deletion). */
export async function eraseChatWith(tx: Tx, lineUserId: string, at: Date): Promise<number> {
  const ids = await tx
    .select({ id: chatMessages.id })
    .from(chatMessages)
    .where(and(eq(chatMessages.lineUserId, lineUserId), isNull(chatMessages.erasedAt)));
  return eraseMessages(
    tx,
    ids.map((row) => row.id),
    at,
    'deleted',
  );
}
