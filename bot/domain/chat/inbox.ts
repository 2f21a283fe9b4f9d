import { and, desc, eq, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import { chatMessages, conversations, lineFriends, members } from '../../../db/schema.ts';
import { REPLY_TOKEN_FRESH_MS } from '../friends.ts';
import { pushWindow } from './answer.ts';
import { conversationInScope, inScope, type Viewer } from './scope.ts';
import {
  type ChatMessageRow,
  type ChatMessageView,
  type ConversationRow,
  conversationRows,
  messageViews,
  publicRow,
} from './views.ts';

export interface InboxFilters {
  status?: 'open' | 'waiting' | 'done' | 'all';
  /** `me`, `none`, or a staff member's id. */
  assignee?: 'me' | 'none' | number;
  storeId?: number;
  unread?: boolean;
  q?: string;
  before?: string;
}

const PAGE = 50;
/** A search by message text reads the messages of this many days, through the sent-at index. */
export const SEARCH_TEXT_DAYS = 30;

/** 1 for a conversation with unread messages: the inbox lists those first. */
const hasUnread = sql<number>`case when ${conversations.unread} > 0 then 1 else 0 end`;
const order = [desc(hasUnread), desc(conversations.lastMessageAt), desc(conversations.id)];

/**
 * The inbox: the conversations the viewer may see, unread first, then by their last message, newest first, 50 a
 * page (`next` is the cursor of the following page). `q` matches the member's name, phone or member number, the
 * LINE display name, or the text of a message of the last 30 days. The scan is bounded: conversations (one row
 * per LINE account, each joined to its member and friend rows by unique key) and the last 30 days of messages,
 * read through chat_messages_sent_idx.
 */
export function listConversations(
  engine: Engine,
  viewer: Viewer,
  filters: InboxFilters,
  now: Date,
): Promise<{ conversations: ConversationRow[]; next: string | null }> {
  const where = and(inScope(viewer), ...filterConditions(viewer, filters, now));
  return engine.read(async (tx) => {
    const rows = await conversationRows(tx, where, { orderBy: order, limit: PAGE + 1 });
    const page = rows.slice(0, PAGE);
    const last = page.at(-1);
    const next =
      rows.length > PAGE && last
        ? cursorOf({ unread: last.unread > 0 ? 1 : 0, at: Date.parse(last.lastMessageAt), id: last.id })
        : null;
    return { conversations: page.map(publicRow), next };
  });
}

function filterConditions(viewer: Viewer, filters: InboxFilters, now: Date): (SQL | undefined)[] {
  const status = filters.status ?? 'open';
  return [
    status === 'all' ? undefined : eq(conversations.status, status),
    filters.assignee === 'me'
      ? viewer.staffId === null
        ? sql`1 = 0`
        : eq(conversations.assigneeId, viewer.staffId)
      : filters.assignee === 'none'
        ? isNull(conversations.assigneeId)
        : filters.assignee !== undefined
          ? eq(conversations.assigneeId, filters.assignee)
          : undefined,
    filters.storeId !== undefined
      ? eq(sql`coalesce(${conversations.storeId}, ${members.homeStoreId})`, filters.storeId)
      : undefined,
    filters.unread ? sql`${conversations.unread} > 0` : undefined,
    filters.q?.trim() ? matching(filters.q.trim(), now) : undefined,
    filters.before !== undefined ? after(parseCursor(filters.before)) : undefined,
  ];
}

function matching(q: string, now: Date): SQL {
  const like = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const has = (column: SQL | typeof members.name) => sql`lower(${column}) like ${like} escape '\\'`;
  const digits = q.replace(/\D/g, '');
  const since = new Date(now.getTime() - SEARCH_TEXT_DAYS * 86_400_000);
  const written = sql`${conversations.lineUserId} in (select ${chatMessages.lineUserId} from ${chatMessages}
    where ${chatMessages.sentAt} >= ${sql.param(since, chatMessages.sentAt)} and ${has(sql`${chatMessages.text}`)})`;
  return or(
    has(members.name),
    has(sql`${members.memberNumber}`),
    digits.length >= 3 ? sql`${members.phone} like ${`%${digits}%`}` : undefined,
    has(sql`${lineFriends.displayName}`),
    written,
  )!;
}

interface Cursor {
  unread: 0 | 1;
  at: number;
  id: number;
}
const cursorOf = (c: Cursor) => Buffer.from(JSON.stringify([c.unread, c.at, c.id])).toString('base64url');
function parseCursor(text: string): Cursor {
  try {
    const [unread, at, id] = JSON.parse(Buffer.from(text, 'base64url').toString()) as number[];
    if ((unread === 0 || unread === 1) && Number.isInteger(at) && Number.isInteger(id)) {
      return { unread, at: at!, id: id! };
    }
  } catch {}
  return { unread: 0, at: 0, id: 0 };
}

/** The rows after the cursor in the inbox's order. */
function after(c: Cursor): SQL {
  const at = new Date(c.at);
  return or(
    lt(hasUnread, c.unread),
    and(
      eq(hasUnread, c.unread),
      or(
        lt(conversations.lastMessageAt, at),
        and(eq(conversations.lastMessageAt, at), lt(conversations.id, c.id)),
      ),
    ),
  )!;
}

export interface ConversationView {
  conversation: ConversationRow;
  messages: ChatMessageView[];
  reply: { token: 'fresh' | 'none'; freshUntil: string | null };
  push: { allowed: boolean; until: string | null };
}

const HISTORY = 100;

/**
 * One conversation: its row, the last 100 messages (oldest first; `before` a message id for older ones), and how
 * an answer would go now: free with the shopper's fresh reply token, or a push, and until when a push can reach
 * a shopper who is not a friend.
 */
export function conversationView(
  engine: Engine,
  viewer: Viewer,
  id: number,
  before: number | undefined,
  now: Date,
): Promise<ConversationView> {
  return engine.read(async (tx) => {
    const scoped = await conversationInScope(tx, viewer, id);
    const [row] = await conversationRows(tx, eq(conversations.id, id), { orderBy: [], limit: 1 });
    const messages = await tx
      .select()
      .from(chatMessages)
      .where(
        and(
          eq(chatMessages.lineUserId, scoped.lineUserId),
          before !== undefined ? lt(chatMessages.id, before) : undefined,
        ),
      )
      .orderBy(desc(chatMessages.sentAt), desc(chatMessages.id))
      .limit(HISTORY);
    const [friend] = await tx
      .select({
        status: lineFriends.status,
        token: lineFriends.unusedReplyToken,
        tokenAt: lineFriends.unusedReplyTokenAt,
      })
      .from(lineFriends)
      .where(eq(lineFriends.lineUserId, scoped.lineUserId));
    const freshUntil =
      friend?.token && friend.tokenAt ? new Date(friend.tokenAt.getTime() + REPLY_TOKEN_FRESH_MS) : null;
    const window = pushWindow(friend?.status ?? null, scoped.lastIncomingAt, now);
    return {
      conversation: publicRow(row!),
      messages: await messageViews(tx, messages.reverse()),
      reply:
        freshUntil && freshUntil > now
          ? { token: 'fresh', freshUntil: freshUntil.toISOString() }
          : { token: 'none', freshUntil: null },
      push: { allowed: window.allowed, until: window.until?.toISOString() ?? null },
    };
  });
}

/** One conversation's row, as the inbox lists it (after a change the asker made, whether or not it is still theirs). */
export function conversationRow(engine: Engine, id: number): Promise<ConversationRow> {
  return engine.read(async (tx) => {
    const [row] = await conversationRows(tx, eq(conversations.id, id), { orderBy: [], limit: 1 });
    return publicRow(row!);
  });
}

/** One message as the conversation view shows it. */
export function chatMessageView(engine: Engine, message: ChatMessageRow): Promise<ChatMessageView> {
  return engine.read(async (tx) => (await messageViews(tx, [message]))[0]!);
}
