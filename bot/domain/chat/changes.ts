import { and, asc, desc, gt, inArray } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import { chatMessages, conversations } from '../../../db/schema.ts';
import { type ChatMessageView, conversationRows, messageViews, type PlacedRow } from './views.ts';

/** Messages of a changed conversation this recent are sent again when they changed (an answer settled, read). */
const MESSAGE_LOOKBACK_MS = 120_000;
const MAX_ROWS = 500;

export interface ChatChanges {
  rows: PlacedRow[];
  messages: { conversationId: number; message: ChatMessageView }[];
}

/**
 * What changed in the inbox since `since`: the conversations updated after it (oldest first, at most 500 a read)
 * with the recent messages of each, for the live events. One read serves every console of an instance, which
 * filters it per session (bot/routes/staff/chat-events.ts); it does not know which of them each console has seen.
 */
export function chatChangesSince(engine: Engine, since: Date): Promise<ChatChanges> {
  return engine.read(async (tx) => {
    const rows = await conversationRows(tx, gt(conversations.updatedAt, since), {
      orderBy: [asc(conversations.updatedAt), asc(conversations.id)],
      limit: MAX_ROWS,
    });
    if (rows.length === 0) return { rows, messages: [] };
    const byUser = new Map(rows.map((row) => [row.lineUserId, row.id]));
    const recent = await tx
      .select()
      .from(chatMessages)
      .where(
        and(
          inArray(chatMessages.lineUserId, [...byUser.keys()]),
          gt(chatMessages.sentAt, new Date(since.getTime() - MESSAGE_LOOKBACK_MS)),
        ),
      )
      .orderBy(desc(chatMessages.id))
      .limit(MAX_ROWS * 4);
    const views = await messageViews(tx, recent.reverse());
    return {
      rows,
      messages: views.map((message, i) => ({ conversationId: byUser.get(recent[i]!.lineUserId)!, message })),
    };
  });
}
