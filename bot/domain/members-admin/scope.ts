// Which members a staff member may find and open in the console (issue 16, point 1): store managers those whose
// home store is one of theirs, marketers and admins every member (permissions.ts). A member of no home store is
// for those who work in every store, as with points adjustments and tags. A member out of scope, or erased,
// answers as no member at all (404), so that member ids cannot be probed.
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/engine.ts';
import { members } from '../../../db/schema.ts';
import type { Actor } from '../actor.ts';
import { mayDo } from '../chat/member-sight.ts';
import { DomainError } from '../errors.ts';
import type { Member } from '../members.ts';
import { type Action, ensureCan } from '../permissions.ts';

/** The stores whose members `actor` may do `action` on: 'all', or a list (maybe empty). */
export function scopeStores(actor: Actor, action: Action): readonly number[] | 'all' {
  ensureCan(actor, action);
  const may = actor.may!;
  return may === 'everything' ? 'all' : may.storeIds;
}

/** The condition on members for `actor`'s scope: none for those of every store, else their stores' members. */
export function inScope(actor: Actor, action: Action): SQL | undefined {
  const stores = scopeStores(actor, action);
  if (stores === 'all') return undefined;
  return stores.length === 0 ? sql`1 = 0` : inArray(members.homeStoreId, [...stores]);
}

export const memberNotFound = () => new DomainError('MEMBER_NOT_FOUND', '找不到這位會員。(No such member)');

/** The active member, if `actor` may do `action` on them; MEMBER_NOT_FOUND otherwise. */
export async function memberInScope(tx: Tx, actor: Actor, action: Action, memberId: number): Promise<Member> {
  ensureCan(actor, action);
  const [member] = await tx
    .select()
    .from(members)
    .where(and(eq(members.id, memberId), eq(members.status, 'active')));
  if (!member || !mayDo(actor, action, member.homeStoreId)) throw memberNotFound();
  return member;
}
