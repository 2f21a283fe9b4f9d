import { and, asc, eq, gt, inArray, isNotNull, max, or } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { chatMessages, conversations, members } from '../../../db/schema.ts';
import type { Placement } from './scope.ts';
import {
  type ChatMessageRow,
  type ChatMessageView,
  conversationRows,
  messageViews,
  type PlacedRow,
} from './views.ts';

/** New messages a read takes at most; the rest come in the next read, which the hub starts at once. */
const MAX_MESSAGES = 1_000;

/** Ids skipped at most kept as gaps: a jump of the id sequence larger than this is no transaction in flight. */
const MAX_GAPS = 10_000;

/** Where the live events stand: what the last read saw, so that the next one reads only what came after it. */
export interface ChatCursor {
  /** Every message id up to this one was read, except `gaps`. */
  messageId: number;
  /** Ids below `messageId` a read did not see: a transaction still in flight (PostgreSQL) or rolled back. */
  gaps: number[];
  /** Conversations changed after this moment (less the overlap the caller gives) are looked at. */
  changedAfter: Date;
  /** Messages sent before in a state that still changes (an answer pending, media being fetched). */
  unsettled: number[];
  /** The conversations' versions sent before (chatVersion): one unchanged is not read again. */
  sent: (id: number) => string | undefined;
}

export interface ChatChanges {
  /** The conversations whose row changed, with their placement. */
  rows: PlacedRow[];
  /** New messages, and messages that changed (settled, read, erased), oldest first. */
  messages: { conversationId: number; placement: Placement; message: ChatMessageView }[];
  /** The highest message id read, and the ids below it still unseen (the cursor's gaps among them). */
  messageId: number;
  gaps: number[];
  /** The version of every conversation changed after `changedAfter`: what was sent once these rows are. */
  versions: Map<number, string>;
}

const versionColumns = {
  id: conversations.id,
  updatedAt: conversations.updatedAt,
  status: conversations.status,
  mode: conversations.mode,
  unread: conversations.unread,
  lastMessageId: conversations.lastMessageId,
  assigneeId: conversations.assigneeId,
  storeId: conversations.storeId,
};
type Versioned = { [K in keyof typeof versionColumns]: unknown };
const versionOf = (row: Versioned) =>
  `${(row.updatedAt as Date).getTime()}|${row.status}|${row.mode}|${row.unread}|${row.lastMessageId}|${row.assigneeId}|${row.storeId}`;

/** The newest message id: where a hub with no consoles so far starts reading. */
export function newestMessageId(engine: Engine): Promise<number> {
  return engine.read(async (tx) => {
    const [row] = await tx.select({ id: max(chatMessages.id) }).from(chatMessages);
    return row?.id ?? 0;
  });
}

/**
 * What changed in the inbox after `cursor`, on one snapshot: messages by id (new ones after the cursor's id and
 * its gaps), the conversations whose version changed (a narrow read of their columns first, the full rows only
 * for those that differ from what was sent), and of those the messages read or erased since, plus the unsettled
 * messages again. One read serves every console of an instance (bot/routes/staff/chat-events.ts).
 */
export function chatChangesSince(engine: Engine, cursor: ChatCursor): Promise<ChatChanges> {
  return engine.read(async (tx) => {
    const newer = await tx
      .select()
      .from(chatMessages)
      .where(
        cursor.gaps.length > 0
          ? or(gt(chatMessages.id, cursor.messageId), inArray(chatMessages.id, cursor.gaps))
          : gt(chatMessages.id, cursor.messageId),
      )
      .orderBy(asc(chatMessages.id))
      .limit(MAX_MESSAGES);
    const { messageId, gaps } = advance(cursor, newer);

    const candidates = await tx
      .select(versionColumns)
      .from(conversations)
      .where(gt(conversations.updatedAt, cursor.changedAfter));
    const versions = new Map(candidates.map((row) => [row.id, versionOf(row)]));
    const changed = candidates.filter((row) => cursor.sent(row.id) !== versions.get(row.id));
    const rows =
      changed.length === 0
        ? []
        : await conversationRows(
            tx,
            inArray(
              conversations.id,
              changed.map((row) => row.id),
            ),
            { orderBy: [asc(conversations.updatedAt), asc(conversations.id)], limit: changed.length },
          );

    const seen = new Set(newer.map((row) => row.id));
    const again = await changedMessages(tx, cursor, rows, seen);
    const all = [...newer, ...again].sort((a, b) => a.id - b.id);
    const placed = await placementsOf(tx, rows, all);
    const views = await messageViews(tx, all);
    return {
      rows,
      // A message of no conversation (none is made without one) has no one to go to.
      messages: views.flatMap((message, i) => {
        const place = placed.get(all[i]!.lineUserId);
        return place ? [{ ...place, message }] : [];
      }),
      messageId,
      gaps,
      versions,
    };
  });
}

/** The cursor past the messages read: ids skipped below the highest are gaps, to be looked at again. */
function advance(cursor: ChatCursor, newer: ChatMessageRow[]): { messageId: number; gaps: number[] } {
  const seen = new Set(newer.map((row) => row.id));
  const top = newer.reduce((highest, row) => Math.max(highest, row.id), cursor.messageId);
  const gaps = cursor.gaps.filter((id) => !seen.has(id));
  for (let id = Math.max(cursor.messageId + 1, top - MAX_GAPS); id < top; id++)
    if (!seen.has(id)) gaps.push(id);
  return { messageId: top, gaps };
}

/** The messages sent before that changed: the unsettled ones, and of changed conversations those read or erased. */
async function changedMessages(
  tx: Tx,
  cursor: ChatCursor,
  rows: PlacedRow[],
  seen: Set<number>,
): Promise<ChatMessageRow[]> {
  const unsettled = cursor.unsettled.filter((id) => !seen.has(id));
  const users = rows.map((row) => row.lineUserId);
  const after = cursor.changedAfter;
  const marked =
    users.length === 0
      ? undefined
      : and(
          inArray(chatMessages.lineUserId, users),
          or(
            gt(chatMessages.readAt, after),
            and(isNotNull(chatMessages.erasedAt), gt(chatMessages.erasedAt, after)),
          ),
        );
  const where = or(unsettled.length > 0 ? inArray(chatMessages.id, unsettled) : undefined, marked);
  if (!where) return [];
  const found = await tx.select().from(chatMessages).where(where);
  return found.filter((row) => !seen.has(row.id));
}

/** Each message's conversation and placement: from the changed rows, else read (a conversation sent before). */
async function placementsOf(tx: Tx, rows: PlacedRow[], messages: ChatMessageRow[]) {
  const placed = new Map<string, { conversationId: number; placement: Placement }>(
    rows.map((row) => [row.lineUserId, { conversationId: row.id, placement: row.placement }]),
  );
  const missing = [...new Set(messages.map((m) => m.lineUserId))].filter((user) => !placed.has(user));
  if (missing.length === 0) return placed;
  const found = await tx
    .select({
      id: conversations.id,
      lineUserId: conversations.lineUserId,
      storeId: conversations.storeId,
      assigneeId: conversations.assigneeId,
      homeStoreId: members.homeStoreId,
    })
    .from(conversations)
    .leftJoin(members, eq(members.lineUserId, conversations.lineUserId))
    .where(inArray(conversations.lineUserId, missing));
  for (const row of found) {
    placed.set(row.lineUserId, {
      conversationId: row.id,
      placement: { storeId: row.storeId, homeStoreId: row.homeStoreId ?? null, assigneeId: row.assigneeId },
    });
  }
  return placed;
}
