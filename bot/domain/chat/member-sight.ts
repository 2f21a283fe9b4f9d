// Which members a staff member may see beside the chat and write notes on: those whose home store is one of
// theirs, or whose conversation they see in the inbox (scope.ts: assigned to one of their stores, or to them),
// and every member for admins. A member out of sight answers as no member at all (404), so that
// member ids cannot be probed.
import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../../db/engine.ts';
import { conversations, members } from '../../../db/schema.ts';
import type { Actor } from '../actor.ts';
import { DomainError } from '../errors.ts';
import { type Action, can, ensureCan } from '../permissions.ts';
import { maySee, viewerOf } from './scope.ts';

export type SeenMember = typeof members.$inferSelect;

/** ensureCan's question without the throw: may `actor` do `action` (in `storeId`'s store, when given)? */
export const mayDo = (actor: Actor, action: Action, storeId?: number | null) =>
  actor.may === 'everything' ||
  (actor.may !== undefined && can(actor.may, action, storeId === undefined ? undefined : { storeId }));

/** For the lists two roles read: FORBIDDEN unless `actor` may do one of the two actions. */
export function ensureCanEither(actor: Actor, one: Action, other: Action): void {
  if (!mayDo(actor, one)) ensureCan(actor, other);
}

/** The active member, if `actor` may do `action` on them; MEMBER_NOT_FOUND otherwise. */
export async function memberInSight(
  tx: Tx,
  actor: Actor,
  action: Action,
  memberId: number,
): Promise<SeenMember> {
  ensureCan(actor, action);
  const [member] = await tx
    .select()
    .from(members)
    .where(and(eq(members.id, memberId), eq(members.status, 'active')));
  if (member && mayDo(actor, action, member.homeStoreId)) return member;
  if (member?.lineUserId) {
    const [conversation] = await tx
      .select({ storeId: conversations.storeId, assigneeId: conversations.assigneeId })
      .from(conversations)
      .where(eq(conversations.lineUserId, member.lineUserId));
    // The inbox's own rule (scope.ts): whoever sees the conversation sees who is in it.
    if (conversation && maySee(viewerOf(actor), { ...conversation, homeStoreId: member.homeStoreId }))
      return member;
  }
  throw new DomainError('MEMBER_NOT_FOUND', '找不到這位會員');
}
