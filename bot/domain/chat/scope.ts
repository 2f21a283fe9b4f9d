import { and, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/engine.ts';
import { conversations, members } from '../../../db/schema.ts';
import type { Actor } from '../actor.ts';
import { DomainError } from '../errors.ts';
import { can, type Permitted } from '../permissions.ts';

/** Who looks at the inbox: a staff member and what they may do (an actor's `staffId` and `may`). */
export interface Viewer {
  staffId: number | null;
  may: Permitted | 'everything';
}

/** What decides who sees a conversation: its assigned store, else the member's home store, and its assignee. */
export interface Placement {
  storeId: number | null;
  homeStoreId: number | null;
  assigneeId: number | null;
}

export const viewerOf = (actor: Actor): Viewer => ({ staffId: actor.staffId, may: actor.may ?? noOne });
const noOne: Permitted = { role: 'marketer', storeIds: [] };

/**
 * The one rule of who sees which conversation (issue 15's contract, "Visibility"): admins (and the command line)
 * all; clerks and store managers those whose assigned store, or else the member's home store, is one of theirs,
 * and those assigned to them; marketers none. A conversation of no store is for admins until it is given one.
 */
export function maySee(viewer: Viewer, placement: Placement): boolean {
  const { may } = viewer;
  if (may === 'everything') return true;
  if (!can(may, 'chat.read')) return false;
  if (placement.assigneeId !== null && placement.assigneeId === viewer.staffId) return true;
  return can(may, 'chat.read', { storeId: placement.storeId ?? placement.homeStoreId });
}

/** The conversation's store as the visibility rule reads it: assigned, else the member's home store. */
export const placedStore = sql<number | null>`coalesce(${conversations.storeId}, ${members.homeStoreId})`;

/**
 * maySee as a condition on `conversations` left-joined to `members` (by LINE user): undefined when the viewer sees
 * every conversation.
 */
export function inScope(viewer: Viewer): SQL | undefined {
  const { may } = viewer;
  if (may === 'everything') return undefined;
  if (!can(may, 'chat.read')) return sql`1 = 0`;
  if (may.storeIds === 'all') return undefined;
  const mine = viewer.staffId === null ? undefined : eq(conversations.assigneeId, viewer.staffId);
  const ofStores = may.storeIds.length > 0 ? inArray(placedStore, [...may.storeIds]) : undefined;
  return or(mine, ofStores) ?? sql`1 = 0`;
}

export type ScopedConversation = typeof conversations.$inferSelect & { homeStoreId: number | null };

/**
 * The conversation `id` if the viewer may see it. One outside their scope is CONVERSATION_NOT_FOUND (404), as one
 * that does not exist, so that a clerk cannot learn which ids are other stores' conversations.
 */
export async function conversationInScope(tx: Tx, viewer: Viewer, id: number): Promise<ScopedConversation> {
  const [found] = await tx
    .select({ conversation: conversations, homeStoreId: members.homeStoreId })
    .from(conversations)
    .leftJoin(members, eq(members.lineUserId, conversations.lineUserId))
    .where(and(eq(conversations.id, id)));
  if (!found || !maySee(viewer, { ...found.conversation, homeStoreId: found.homeStoreId })) {
    throw new DomainError('CONVERSATION_NOT_FOUND', '找不到這段對話');
  }
  return { ...found.conversation, homeStoreId: found.homeStoreId };
}
