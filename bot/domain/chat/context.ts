// The member beside the conversation: who they are, what they hold, what they bought last, and the staff's
// notes, so that whoever answers the chat answers this member (issue 15, point 2). Read-only.
import { asc, desc, eq } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import { memberTags, purchases, stores, tags, tiers } from '../../../db/schema.ts';
import type { Actor } from '../actor.ts';
import { usableCouponsOf } from '../coupon-wallet.ts';
import { memberInSight } from './member-sight.ts';
import { type NoteView, notesOf } from './notes.ts';

export interface MemberContext {
  member: {
    id: number;
    name: string | null;
    memberNumber: string;
    /** Only the last three digits: enough to confirm a number the shopper says, not to learn it. */
    phone: string | null;
    tier: { code: string; name: string };
    pointsBalance: number;
    homeStore: { id: number; name: string } | null;
    joinedAt: string;
    tags: string[];
  };
  coupons: { id: number; code: string; title: string; expiresAt: string }[];
  purchases: { id: number; at: string; storeName: string | null; channel: string; amount: number }[];
  notes: NoteView[];
}

/** 0912345678 -> *******678 */
export const maskPhone = (phone: string | null) =>
  phone === null ? null : `${'*'.repeat(Math.max(phone.length - 3, 0))}${phone.slice(-3)}`;

const LAST_PURCHASES = 5;

/** The member's context for the chat panel; MEMBER_NOT_FOUND for a member the staff member may not see. */
export async function memberContext(
  engine: Engine,
  memberId: number,
  actor: Actor,
  now: Date,
): Promise<MemberContext> {
  return engine.read(async (tx) => {
    const member = await memberInSight(tx, actor, 'chat.read', memberId);
    const [tier] = await tx
      .select({ code: tiers.code, name: tiers.name })
      .from(tiers)
      .where(eq(tiers.code, member.tierCode));
    const [homeStore] =
      member.homeStoreId === null
        ? []
        : await tx
            .select({ id: stores.id, name: stores.name })
            .from(stores)
            .where(eq(stores.id, member.homeStoreId));
    const worn = await tx
      .select({ name: tags.name })
      .from(memberTags)
      .innerJoin(tags, eq(tags.id, memberTags.tagId))
      .where(eq(memberTags.memberId, memberId))
      .orderBy(asc(tags.name));
    const usable = await usableCouponsOf(tx, memberId, now);
    const bought = await tx
      .select({
        id: purchases.id,
        at: purchases.occurredAt,
        storeName: stores.name,
        channel: purchases.channel,
        amount: purchases.amount,
      })
      .from(purchases)
      .leftJoin(stores, eq(stores.id, purchases.storeId))
      .where(eq(purchases.memberId, memberId))
      .orderBy(desc(purchases.occurredAt), desc(purchases.id))
      .limit(LAST_PURCHASES);
    return {
      member: {
        id: member.id,
        name: member.name,
        memberNumber: member.memberNumber,
        phone: maskPhone(member.phone),
        tier: tier!,
        pointsBalance: member.pointsBalance,
        homeStore: homeStore ?? null,
        joinedAt: member.joinedAt.toISOString(),
        tags: worn.map((t) => t.name),
      },
      coupons: usable.map((c) => ({ id: c.id, code: c.code, title: c.title, expiresAt: c.validUntil })),
      purchases: bought.map((p) => ({ ...p, at: p.at.toISOString() })),
      notes: await notesOf(tx, memberId),
    };
  });
}
