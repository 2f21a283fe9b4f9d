import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import { chatMessages, conversations } from '../../../db/schema.ts';
import type { Actor } from '../actor.ts';
import { ensureCan } from '../permissions.ts';
import { conversationInScope, viewerOf } from './scope.ts';

const unreadIn = (lineUserId: string) =>
  and(eq(chatMessages.lineUserId, lineUserId), eq(chatMessages.direction, 'in'), isNull(chatMessages.readAt));

/**
 * What marking the conversation read needs from LINE: the newest unread message's `markAsReadToken` (LINE marks
 * every message before it read too). Null when nothing is unread: nothing to tell LINE, nothing to write.
 */
export function unreadMark(
  engine: Engine,
  actor: Actor,
  conversationId: number,
): Promise<{ lineUserId: string; token: string | null } | null> {
  ensureCan(actor, 'chat.reply');
  return engine.read(async (tx) => {
    const conversation = await conversationInScope(tx, viewerOf(actor), conversationId);
    const [newest] = await tx
      .select({ token: chatMessages.markAsReadToken })
      .from(chatMessages)
      .where(and(unreadIn(conversation.lineUserId), isNotNull(chatMessages.markAsReadToken)))
      .orderBy(desc(chatMessages.sentAt), desc(chatMessages.id))
      .limit(1);
    if (!newest && conversation.unread === 0) return null;
    return { lineUserId: conversation.lineUserId, token: newest?.token ?? null };
  });
}

/**
 * Staff opened the conversation and LINE was told: the shopper's messages are read (`readAt`), unread is 0.
 * Idempotent: a second call finds nothing unread and writes nothing. True when something changed.
 */
export async function markConversationRead(
  engine: Engine,
  actor: Actor,
  conversationId: number,
  now: Date,
): Promise<boolean> {
  ensureCan(actor, 'chat.reply');
  const changed = await engine.write(async (tx) => {
    const conversation = await conversationInScope(tx, viewerOf(actor), conversationId);
    const read = await tx
      .update(chatMessages)
      .set({ readAt: now })
      .where(unreadIn(conversation.lineUserId))
      .returning({ id: chatMessages.id });
    if (read.length === 0 && conversation.unread === 0) return false;
    await tx
      .update(conversations)
      .set({ unread: 0, updatedAt: now })
      .where(eq(conversations.id, conversation.id));
    return true;
  });
  if (changed) engine.signal('chat');
  return changed;
}
