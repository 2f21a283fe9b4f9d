import { and, asc, eq, isNotNull, lt } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { chatMessages, conversations, lineFriends } from '../../../db/schema.ts';
import type { Actor } from '../actor.ts';
import { DomainError } from '../errors.ts';
import { takeFreshReplyTokenIn } from '../friends.ts';
import { ensureCan } from '../permissions.ts';
import { staffAnswered } from './rules.ts';
import { conversationInScope, viewerOf } from './scope.ts';
import type { ChatMessageRow } from './views.ts';

/**
 * How long after the shopper's last message a push still reaches a LINE user who is not (or no longer) a friend.
 * LINE: a push can be sent to "users who have sent a message to your LINE Official Account within 7 days in the
 * one-to-one chat" (as quoted by LINE's partners, e.g. https://community.sinch.com/t5/LINE/What-are-reply-messages-and-push-messages/ta-p/9785
 * and https://docs.pushwoosh.com/product/messaging-channels/line/send-line-messages, both pointing to
 * https://developers.line.biz/en/docs/messaging-api/sending-messages/; LINE's own page was not in our reference
 * store to quote, so /work/shared/LINE-PLATFORM.md's "confirm the window" stands answered by these two).
 */
export const NON_FRIEND_PUSH_DAYS = 7;

/** Whether a push may go now, and until when (null: for as long as they stay a friend, or never). */
export function pushWindow(
  friendship: 'friend' | 'blocked' | null,
  lastIncomingAt: Date | null,
  now: Date,
): { allowed: boolean; until: Date | null } {
  if (friendship === 'friend') return { allowed: true, until: null };
  if (!lastIncomingAt) return { allowed: false, until: null };
  const until = new Date(lastIncomingAt.getTime() + NON_FRIEND_PUSH_DAYS * 86_400_000);
  return { allowed: until > now, until };
}

export interface StaffAnswer {
  text: string;
  quoteMessageId?: number;
  /** The page's uuid for this answer: the same requestId answers the same message and never sends it twice. */
  requestId: string;
}

/** A recorded answer and, for the request that recorded it, what to send it with. */
export interface RecordedAnswer {
  message: ChatMessageRow;
  /** False when the requestId had already recorded it: the first request sends it, not this one. */
  created: boolean;
  /** The fresh reply token taken for it (created answers only); null: it goes by push under its retry key. */
  replyToken: string | null;
  lineUserId: string;
}

/**
 * Records a staff member's answer before it is sent (pending, under the requestId as its retry key), takes the
 * shopper's fresh reply token for it if there is one (then it goes free), and puts the conversation in staff mode,
 * waiting for the shopper. Refused when neither a reply nor a push can reach the shopper (a blocked friend, or a
 * non-friend past LINE's 7 days). The caller sends it once this is committed (bot/line/chat-answers.ts).
 */
export function recordAnswer(
  engine: Engine,
  actor: Actor,
  conversationId: number,
  answer: StaffAnswer,
  now: Date,
): Promise<RecordedAnswer> {
  ensureCan(actor, 'chat.reply');
  return engine.write(async (tx) => {
    const conversation = await conversationInScope(tx, viewerOf(actor), conversationId);
    const earlier = await earlierAnswer(
      tx,
      conversation,
      answer.requestId,
      async (row) => row.text === answer.text,
    );
    if (earlier) return earlier;
    const quoted =
      answer.quoteMessageId === undefined
        ? null
        : await quotedMessage(tx, conversation.lineUserId, answer.quoteMessageId);
    const payload = {
      type: 'text',
      text: answer.text,
      ...(quoted?.quoteToken && { quoteToken: quoted.quoteToken }),
    };
    const draft = { kind: 'text', text: answer.text, payload, quotedId: quoted?.id ?? null };
    return recordOutgoing(tx, actor, conversation, draft, answer.requestId, now);
  });
}

type Conversation = { id: number; lineUserId: string; lastIncomingAt: Date | null };

/**
 * The answer a requestId already recorded in this conversation, if any: the first request sends it, not this
 * one. The same requestId for another conversation or another answer (`same` says no) is refused.
 */
export async function earlierAnswer(
  tx: Tx,
  conversation: Conversation,
  requestId: string,
  same: (earlier: ChatMessageRow) => Promise<boolean>,
): Promise<RecordedAnswer | null> {
  const [earlier] = await tx.select().from(chatMessages).where(eq(chatMessages.retryKey, requestId));
  if (!earlier) return null;
  if (earlier.lineUserId !== conversation.lineUserId || !(await same(earlier))) {
    throw new DomainError('IDEMPOTENCY_CONFLICT', '這個請求編號已用於另一則回覆');
  }
  return { message: earlier, created: false, replyToken: null, lineUserId: conversation.lineUserId };
}

/** What staff send, as recorded: the LINE message object that goes, and what the inbox shows of it. */
export interface AnswerDraft {
  kind: string;
  text: string | null;
  payload: Record<string, unknown>;
  quotedId: number | null;
}

/**
 * Records an answer (pending, under `requestId` as its retry key) in the caller's transaction, taking the
 * shopper's fresh reply token for it if there is one, and puts the conversation in staff mode, waiting for the
 * shopper. Refused when neither a reply nor a push can reach the shopper.
 */
export async function recordOutgoing(
  tx: Tx,
  actor: Actor,
  conversation: Conversation,
  draft: AnswerDraft,
  requestId: string,
  now: Date,
): Promise<RecordedAnswer> {
  const replyToken = await takeFreshReplyTokenIn(tx, conversation.lineUserId, now);
  if (!replyToken) {
    const [friend] = await tx
      .select({ status: lineFriends.status })
      .from(lineFriends)
      .where(eq(lineFriends.lineUserId, conversation.lineUserId));
    if (!pushWindow(friend?.status ?? null, conversation.lastIncomingAt, now).allowed) {
      throw new DomainError('CHAT_UNREACHABLE', '這位顧客已無法接收訊息：不是好友，且最後留言已超過 7 天', {
        lastIncomingAt: conversation.lastIncomingAt?.toISOString() ?? null,
      });
    }
  }
  const [message] = await tx
    .insert(chatMessages)
    .values({
      lineUserId: conversation.lineUserId,
      direction: 'out',
      ...draft,
      staffId: actor.staffId,
      delivery: replyToken ? 'reply' : 'push',
      retryKey: requestId,
      status: 'pending',
      sentAt: now,
    })
    .returning();
  await tx
    .update(conversations)
    .set({
      mode: 'staff',
      status: 'waiting',
      lastMessageId: message!.id,
      lastMessageAt: now,
      updatedAt: now,
    })
    .where(eq(conversations.id, conversation.id));
  await staffAnswered(tx, conversation.id);
  return { message: message!, created: true, replyToken, lineUserId: conversation.lineUserId };
}

async function quotedMessage(tx: Tx, lineUserId: string, id: number) {
  const [quoted] = await tx
    .select({ id: chatMessages.id, quoteToken: chatMessages.quoteToken })
    .from(chatMessages)
    .where(and(eq(chatMessages.id, id), eq(chatMessages.lineUserId, lineUserId)));
  if (!quoted) throw new DomainError('CHAT_MESSAGE_NOT_FOUND', '找不到要引用的訊息');
  return quoted;
}

/** How sending an answer ended: LINE's id and quote token of the sent message, or LINE's refusal. */
export type AnswerOutcome =
  | { status: 'sent'; delivery: 'reply' | 'push'; lineMessageId: string | null; quoteToken: string | null }
  | { status: 'failed'; delivery: 'reply' | 'push'; error: string };

/** Records how sending ended, and marks the conversation changed for the consoles. */
export function settleAnswer(engine: Engine, messageId: number, outcome: AnswerOutcome, now: Date) {
  return engine.write(
    async (tx) => {
      const [message] = await tx
        .update(chatMessages)
        .set(
          outcome.status === 'sent'
            ? {
                status: 'sent',
                delivery: outcome.delivery,
                lineMessageId: outcome.lineMessageId,
                quoteToken: outcome.quoteToken,
                error: null,
              }
            : { status: 'failed', delivery: outcome.delivery, error: outcome.error },
        )
        .where(and(eq(chatMessages.id, messageId), eq(chatMessages.status, 'pending')))
        .returning();
      if (message) {
        await tx
          .update(conversations)
          .set({ updatedAt: now })
          .where(eq(conversations.lineUserId, message.lineUserId));
      }
      return message;
    },
    { durability: 'relaxed' },
  );
}

/**
 * Staff answers still pending `olderThanMs` after they were recorded: their instance died before it sent them or
 * before it recorded how sending ended. They go again as pushes under their retry key (a reply token is long
 * expired by then); LINE answers 409 for one it had already accepted.
 */
export function strandedAnswers(engine: Engine, now: Date, olderThanMs: number): Promise<ChatMessageRow[]> {
  return engine.read((tx) =>
    tx
      .select()
      .from(chatMessages)
      .where(
        and(
          eq(chatMessages.direction, 'out'),
          eq(chatMessages.status, 'pending'),
          isNotNull(chatMessages.staffId),
          isNotNull(chatMessages.retryKey),
          lt(chatMessages.sentAt, new Date(now.getTime() - olderThanMs)),
        ),
      )
      .orderBy(asc(chatMessages.id))
      .limit(50),
  );
}
