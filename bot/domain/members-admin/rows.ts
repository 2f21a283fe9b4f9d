// A member as a row of the console's lists: who, their tier, points and home store. The full phone number only
// for those who may fix the member's record; others (marketers) see enough to recognise it (0912***678).
import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../db/engine.ts';
import { members, stores, tiers } from '../../../db/schema.ts';
import type { Actor } from '../actor.ts';
import { mayDo } from '../chat/member-sight.ts';
import { maskPhone } from '../member-fields.ts';

export interface MemberRow {
  id: number;
  memberNumber: string;
  name: string | null;
  phone: string | null;
  tier: { code: string; name: string; nameEn: string };
  pointsBalance: number;
  homeStore: { id: number; name: string } | null;
  joinedAt: Date;
  lineBound: boolean;
}

/** The phone as `actor` may read it on this member. */
export const phoneFor = (actor: Actor, phone: string | null, homeStoreId: number | null) =>
  phone === null || mayDo(actor, 'member.edit', homeStoreId) ? phone : maskPhone(phone);

/** The rows of these members, in the order of `ids` (which are already in scope). */
export async function memberRows(tx: Tx, actor: Actor, ids: number[]): Promise<MemberRow[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ member: members, tier: tiers, store: { id: stores.id, name: stores.name } })
    .from(members)
    .innerJoin(tiers, eq(tiers.code, members.tierCode))
    .leftJoin(stores, eq(stores.id, members.homeStoreId))
    .where(inArray(members.id, ids));
  const place = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => place.get(a.member.id)! - place.get(b.member.id)!);
  return rows.map(({ member, tier, store }) => ({
    id: member.id,
    memberNumber: member.memberNumber,
    name: member.name,
    phone: phoneFor(actor, member.phone, member.homeStoreId),
    tier: { code: tier.code, name: tier.name, nameEn: tier.nameEn },
    pointsBalance: member.pointsBalance,
    homeStore: store,
    joinedAt: member.joinedAt,
    lineBound: member.lineUserId !== null,
  }));
}
