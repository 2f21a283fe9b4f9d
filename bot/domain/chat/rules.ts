import { and, asc, eq, lte } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { lockRows } from '../../../db/prepared.ts';
import {
  type ChatRuleReply,
  chatMessages,
  chatRules,
  chatSettings,
  conversations,
  lineFriends,
  members,
} from '../../../db/schema.ts';
import { retryKeyFor } from '../notices.ts';
import { closedSince, hoursOf } from './hours.ts';

/** What the product answers by itself: a text, or one of the member's own views (built by bot/line). */
export type AutomaticReply = { kind: 'text'; text: string } | { kind: 'card' | 'points' | 'coupons' };

export interface AutomaticAnswer {
  /** The out message recorded for it (pending until the reply went). */
  messageId: number;
  conversationId: number;
  reply: AutomaticReply;
}

/** A shopper's words as rules compare them: trimmed, Latin letters in any case. */
const normalised = (text: string) => text.trim().toLowerCase();

/** The first enabled keyword rule, by position, that the text matches (the whole text, or a part of it). */
export async function matchingRule(tx: Tx, text: string) {
  const words = normalised(text);
  if (words === '') return undefined;
  const rules = await tx
    .select()
    .from(chatRules)
    .where(eq(chatRules.enabled, true))
    .orderBy(asc(chatRules.position), asc(chatRules.id));
  return rules.find((rule) =>
    rule.keywords.some((keyword) => {
      const key = normalised(keyword);
      if (key === '') return false;
      return rule.match === 'exact' ? words === key : words.includes(key);
    }),
  );
}

const inLanguage = (reply: ChatRuleReply, english: boolean): AutomaticReply =>
  reply.kind === 'text' ? { kind: 'text', text: english ? reply.en : reply.zh } : reply;

/**
 * What the product answers to the shopper's message (the chat's rules), decided once per webhook event: in bot
 * mode a keyword rule's reply; else, outside business hours (the store's, or the brand's), the away text once per
 * closed period; else, during hours and in bot mode, the "we will reply soon" text once until staff answer (in
 * staff mode staff answer, with the token this message leaves). The answer is
 * recorded as an out message (no staff, a reply) before it is sent, under a key of the event, so an event
 * processed again sends what was not sent and nothing twice. Only called with a usable reply token: an automatic
 * answer is never pushed (a push costs the brand).
 */
export function planAutomaticAnswer(engine: Engine, request: AnswerRequest): Promise<AutomaticAnswer | null> {
  return engine.write((tx) => planAutomaticAnswerIn(tx, request));
}

export interface AnswerRequest {
  conversationId: number;
  webhookEventId: string;
  text: string | null;
  now: Date;
  /**
   * The conversation as this transaction's ingest of the event's message wrote it (and locked it): the message is
   * new, so no answer was planned for its event yet, and the row need not be read again.
   */
  justIngested?: typeof conversations.$inferSelect;
}

/** planAutomaticAnswer inside a write of the caller's: the webhook's message handler plans it with the ingest. */
export async function planAutomaticAnswerIn(tx: Tx, request: AnswerRequest): Promise<AutomaticAnswer | null> {
  const { conversationId, now } = request;
  const retryKey = retryKeyFor(`chat-auto:${request.webhookEventId}`);
  let conversation = request.justIngested;
  if (!conversation) {
    const [planned] = await tx
      .select({ id: chatMessages.id, status: chatMessages.status, payload: chatMessages.payload })
      .from(chatMessages)
      .where(eq(chatMessages.retryKey, retryKey));
    if (planned) {
      if (planned.status !== 'pending') return null;
      return { messageId: planned.id, conversationId, reply: planned.payload as AutomaticReply };
    }
    // Two events of one shopper at once decide one after the other: the away text goes once.
    await lockRows(tx, conversations, eq(conversations.id, conversationId));
    [conversation] = await tx.select().from(conversations).where(eq(conversations.id, conversationId));
    if (!conversation) return null;
  }
  const english = async () => {
    const [friend] = await tx
      .select({ language: lineFriends.language })
      .from(lineFriends)
      .where(eq(lineFriends.lineUserId, conversation.lineUserId));
    return friend?.language?.toLowerCase().startsWith('en') ?? false;
  };
  const reply = await replyFor(tx, conversation, request.text, english, now);
  if (!reply) return null;
  const [message] = await tx
    .insert(chatMessages)
    .values({
      lineUserId: conversation.lineUserId,
      direction: 'out',
      kind: reply.kind === 'text' ? 'text' : 'flex',
      text: reply.kind === 'text' ? reply.text : null,
      payload: reply,
      staffId: null,
      delivery: 'reply',
      retryKey,
      status: 'pending',
      sentAt: now,
    })
    .returning({ id: chatMessages.id });
  return { messageId: message!.id, conversationId, reply };
}

async function replyFor(
  tx: Tx,
  conversation: typeof conversations.$inferSelect,
  text: string | null,
  english: () => Promise<boolean>,
  now: Date,
): Promise<AutomaticReply | null> {
  // While staff handle the conversation, keyword replies stay quiet.
  const rule = conversation.mode === 'bot' && text !== null ? await matchingRule(tx, text) : undefined;
  if (rule) return inLanguage(rule.reply, await english());
  const store = conversation.storeId ?? (await homeStoreOf(tx, conversation.lineUserId));
  const closed = closedSince(await hoursOf(tx, store), now);
  // Most messages are answered by neither text (it went already): decided before the texts are read.
  if (closed && conversation.awaySentAt && conversation.awaySentAt >= closed) return null;
  // While staff handle it, they answer: the shopper's reply token is kept for their free reply.
  if (!closed && (conversation.soonSentAt || conversation.mode === 'staff')) return null;
  const [settings] = await tx.select().from(chatSettings).where(eq(chatSettings.id, 1));
  if (!settings) return null;
  const inEnglish = await english();
  const mark = closed ? { awaySentAt: now } : { soonSentAt: now };
  await tx.update(conversations).set(mark).where(eq(conversations.id, conversation.id));
  if (closed) return { kind: 'text', text: inEnglish ? settings.awayEn : settings.awayZh };
  return { kind: 'text', text: inEnglish ? settings.soonEn : settings.soonZh };
}

async function homeStoreOf(tx: Tx, lineUserId: string): Promise<number | null> {
  const [member] = await tx
    .select({ homeStoreId: members.homeStoreId })
    .from(members)
    .where(eq(members.lineUserId, lineUserId));
  return member?.homeStoreId ?? null;
}

/**
 * How the automatic answer ended: `sent` (it joins the conversation as its last message), or `withdrawn` (LINE
 * refused the reply token: nothing reached the shopper, so the answer is forgotten and the away or soon text may
 * still go with a later message's token).
 */
export async function settleAutomaticAnswer(
  engine: Engine,
  answer: AutomaticAnswer,
  outcome: 'sent' | 'withdrawn',
  now: Date,
): Promise<void> {
  await engine.write((tx) => settleAutomaticAnswerIn(tx, answer, outcome, now));
  if (outcome === 'sent') engine.signal('chat');
}

/** settleAutomaticAnswer inside a write of the caller's, which signals `chat` once a sent answer is committed. */
export async function settleAutomaticAnswerIn(
  tx: Tx,
  answer: AutomaticAnswer,
  outcome: 'sent' | 'withdrawn',
  now: Date,
): Promise<void> {
  const [message] = await tx
    .select({ sentAt: chatMessages.sentAt })
    .from(chatMessages)
    .where(and(eq(chatMessages.id, answer.messageId), eq(chatMessages.status, 'pending')));
  if (!message) return;
  if (outcome === 'sent') {
    await tx.update(chatMessages).set({ status: 'sent' }).where(eq(chatMessages.id, answer.messageId));
    await tx
      .update(conversations)
      .set({ lastMessageId: answer.messageId, lastMessageAt: message.sentAt, updatedAt: now })
      .where(
        and(eq(conversations.id, answer.conversationId), lte(conversations.lastMessageAt, message.sentAt)),
      );
    return;
  }
  await tx.delete(chatMessages).where(eq(chatMessages.id, answer.messageId));
  // The texts' marks this answer set (at its time) are taken back.
  await tx
    .update(conversations)
    .set({ awaySentAt: null })
    .where(and(eq(conversations.id, answer.conversationId), eq(conversations.awaySentAt, message.sentAt)));
  await tx
    .update(conversations)
    .set({ soonSentAt: null })
    .where(and(eq(conversations.id, answer.conversationId), eq(conversations.soonSentAt, message.sentAt)));
}

/**
 * Staff answered the conversation: the next message without a keyword during hours gets the "we will reply
 * soon" text again. The inbox calls it in the transaction that records staff's reply.
 */
export async function staffAnswered(tx: Tx, conversationId: number): Promise<void> {
  await tx.update(conversations).set({ soonSentAt: null }).where(eq(conversations.id, conversationId));
}
