import { and, asc, eq, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { chatMedia, chatMessages, conversations } from '../../../db/schema.ts';

export type ChatMessage = typeof chatMessages.$inferSelect;
export type Conversation = typeof conversations.$inferSelect;

/** LINE's message object as the webhook gives it (webhook.yml `MessageContent`): what the chat keeps of it. */
export interface LineMessageObject {
  id: string;
  type: string;
  text?: string;
  quoteToken?: string;
  quotedMessageId?: string;
  markAsReadToken?: string;
  /** Images, videos and audio: `line` when LINE holds the bytes, `external` when they stay at a URL of the sender. */
  contentProvider?: { type: string };
}

export interface IncomingMessage {
  lineUserId: string;
  webhookEventId: string;
  message: LineMessageObject;
  /** LINE's time of the event: the message's place in the conversation. */
  sentAt: Date;
  /**
   * When it is recorded (the clock's now): the conversation's `updatedAt`, which the inbox's live events read
   * changes by, so an event LINE delivers late (a redelivery) still reaches the consoles. The event's time when not
   * given.
   */
  now?: Date;
}

export interface Ingested {
  messageId: number;
  conversationId: number;
  /** False when the event had been recorded before (LINE redelivered it, or it is processed again). */
  fresh: boolean;
}

/** The kinds whose bytes LINE keeps for a while on its data host: the chat fetches and keeps them. */
const WITH_CONTENT = new Set(['image', 'video', 'audio', 'file']);

/** A file message has no content provider: its bytes are always LINE's to fetch. */
const heldByLine = (message: LineMessageObject) =>
  WITH_CONTENT.has(message.type) && (message.contentProvider?.type ?? 'line') === 'line';

/**
 * Keeps a message a shopper wrote to the account, for the one-to-one chat with staff: the message with LINE's
 * tokens for quoting it and marking it read, the conversation it joins (one more unread, open again if staff had
 * set it waiting or done) and, for an image, video, audio or file LINE holds, the media to fetch. One transaction
 * keyed by the webhook event: a redelivered event changes nothing, so unread never counts a message twice.
 * Relaxed, as the event's done mark is (ADR 0003): what a power cut loses is recorded again when its event is
 * processed again. The inbox (and the media fetcher) are signalled after the commit.
 */
export async function recordIncoming(engine: Engine, incoming: IncomingMessage): Promise<Ingested> {
  const { messageId, conversationId, fresh } = await engine.write((tx) => ingestIn(tx, incoming), {
    durability: 'relaxed',
  });
  announceIngested(engine, { messageId, conversationId, fresh }, incoming.message);
  return { messageId, conversationId, fresh };
}

/**
 * recordIncoming inside a write of the caller's, which calls announceIngested once it is committed. A fresh
 * message comes with its conversation as written (on PostgreSQL locked by that write until the commit).
 */
export async function ingestIn(
  tx: Tx,
  incoming: IncomingMessage,
): Promise<Ingested & { conversation?: Conversation }> {
  const { message, sentAt, lineUserId } = incoming;
  const quoted = message.quotedMessageId
    ? await messageByLineId(tx, lineUserId, message.quotedMessageId)
    : undefined;
  const [inserted] = await tx
    .insert(chatMessages)
    .values({
      lineUserId,
      direction: 'in',
      kind: message.type,
      text: message.text ?? null,
      payload: message,
      webhookEventId: incoming.webhookEventId,
      lineMessageId: message.id,
      quoteToken: message.quoteToken ?? null,
      quotedId: quoted?.id ?? null,
      markAsReadToken: message.markAsReadToken ?? null,
      sentAt,
    })
    .onConflictDoNothing({ target: chatMessages.webhookEventId })
    .returning({ id: chatMessages.id });
  if (!inserted) return await recordedBefore(tx, incoming);
  const conversation = await joinConversation(tx, lineUserId, inserted.id, sentAt, incoming.now ?? sentAt);
  if (heldByLine(message)) {
    await tx.insert(chatMedia).values({ messageId: inserted.id, status: 'pending' });
  }
  return { messageId: inserted.id, conversationId: conversation.id, fresh: true, conversation };
}

/** After the commit: the consoles (and, for media LINE holds, the media fetcher) hear of a new message. */
export function announceIngested(engine: Engine, ingested: Ingested, message: LineMessageObject): void {
  if (!ingested.fresh) return;
  engine.signal('chat');
  if (heldByLine(message)) engine.signal('chat_work');
}

/** One more unread message in the shopper's conversation (made on their first), open again. */
async function joinConversation(
  tx: Tx,
  lineUserId: string,
  messageId: number,
  at: Date,
  now: Date,
): Promise<Conversation> {
  // LINE may deliver events out of order: the last message is the latest one, not the last processed.
  const later = sql`excluded.last_message_at > ${conversations.lastMessageAt}`;
  const [conversation] = await tx
    .insert(conversations)
    .values({
      lineUserId,
      status: 'open',
      mode: 'bot',
      unread: 1,
      lastMessageId: messageId,
      lastMessageAt: at,
      lastIncomingAt: at,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: conversations.lineUserId,
      set: {
        status: 'open',
        unread: sql`${conversations.unread} + 1`,
        lastMessageId: sql`CASE WHEN ${later} THEN excluded.last_message_id ELSE ${conversations.lastMessageId} END`,
        lastMessageAt: sql`CASE WHEN ${later} THEN excluded.last_message_at ELSE ${conversations.lastMessageAt} END`,
        lastIncomingAt: sql`CASE WHEN ${conversations.lastIncomingAt} IS NULL OR excluded.last_incoming_at > ${conversations.lastIncomingAt} THEN excluded.last_incoming_at ELSE ${conversations.lastIncomingAt} END`,
        updatedAt: now,
      },
    })
    .returning();
  return conversation!;
}

async function recordedBefore(tx: Tx, incoming: IncomingMessage): Promise<Ingested> {
  const [row] = await tx
    .select({ messageId: chatMessages.id, conversationId: conversations.id })
    .from(chatMessages)
    .innerJoin(conversations, eq(conversations.lineUserId, chatMessages.lineUserId))
    .where(eq(chatMessages.webhookEventId, incoming.webhookEventId));
  return { ...row!, fresh: false };
}

export async function messageByLineId(
  tx: Tx,
  lineUserId: string,
  lineMessageId: string,
): Promise<ChatMessage | undefined> {
  const [message] = await tx
    .select()
    .from(chatMessages)
    .where(and(eq(chatMessages.lineUserId, lineUserId), eq(chatMessages.lineMessageId, lineMessageId)));
  return message;
}

/** The conversation log with one LINE account, both ways, oldest first. */
export async function chatWith(tx: Tx, lineUserId: string): Promise<ChatMessage[]> {
  return await tx
    .select()
    .from(chatMessages)
    .where(eq(chatMessages.lineUserId, lineUserId))
    .orderBy(asc(chatMessages.sentAt), asc(chatMessages.id));
}
