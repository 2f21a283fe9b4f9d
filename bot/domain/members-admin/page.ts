// A member's page in the console (issue 16, point 1): who they are, their tier and points with the statement the
// member reads (points-statement.ts), every coupon with its state, their purchases a page at a time, their
// conversation in the chat if there is one, their tags and the staff's notes. Read on one snapshot.
import { and, asc, desc, eq, lt } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { conversations, memberTags, purchases, stores, tags, tiers } from '../../../db/schema.ts';
import type { Actor } from '../actor.ts';
import { mayDo } from '../chat/member-sight.ts';
import { type NoteView, notesOf } from '../chat/notes.ts';
import { type CouponCardView, walletOf } from '../coupon-wallet.ts';
import type { Member } from '../members.ts';
import { type PointsSummary, pointsSummary } from '../points-statement.ts';
import { type StaffPointsHistory, staffPointsHistory } from './points-history.ts';
import { phoneFor } from './rows.ts';
import { memberInScope } from './scope.ts';

export const PURCHASES_PAGE = 20;

export interface PurchasesPage {
  entries: {
    id: number;
    at: Date;
    storeName: string | null;
    channel: string;
    amount: number;
    refundedAmount: number;
    status: string;
    reference: string;
    pointsEarned: number;
    pointsRedeemed: number;
  }[];
  nextBefore: number | null;
}

/** The fields of the record kept from those who may not fix it (they read as null, and are named in `withheld`). */
export const PERSONAL_FIELDS = ['birthday', 'gender', 'email'] as const;

export interface MemberDetail {
  member: {
    id: number;
    memberNumber: string;
    name: string | null;
    /** Full for those who may fix the record; birthday, gender and email only for them too. */
    phone: string | null;
    birthday: string | null;
    gender: Member['gender'];
    email: string | null;
    homeStore: { id: number; name: string } | null;
    tier: { code: string; name: string; nameEn: string };
    source: Member['source'];
    lineBound: boolean;
    marketingOptIn: boolean;
    joinedAt: Date;
    /** The fields held back from this reader (null above, though the member may have them): none, or all three. */
    withheld: (typeof PERSONAL_FIELDS)[number][];
  };
  points: PointsSummary & { history: StaffPointsHistory };
  coupons: CouponCardView[];
  purchases: PurchasesPage;
  /** The member's conversation in the chat (its id for `?page=chat&conversation=N`), or null. */
  conversationId: number | null;
  tags: { id: number; name: string; kind: string }[];
  notes: NoteView[];
}

/** The member's purchases, newest first, a page at a time (`before`: the last id of the previous page). */
export async function purchasesOf(tx: Tx, memberId: number, before?: number): Promise<PurchasesPage> {
  const rows = await tx
    .select({
      id: purchases.id,
      at: purchases.occurredAt,
      storeName: stores.name,
      channel: purchases.channel,
      amount: purchases.amount,
      refundedAmount: purchases.refundedAmount,
      status: purchases.status,
      reference: purchases.reference,
      pointsEarned: purchases.pointsEarned,
      pointsRedeemed: purchases.pointsRedeemed,
    })
    .from(purchases)
    .leftJoin(stores, eq(stores.id, purchases.storeId))
    .where(and(eq(purchases.memberId, memberId), before ? lt(purchases.id, before) : undefined))
    .orderBy(desc(purchases.id))
    .limit(PURCHASES_PAGE + 1);
  const entries = rows.slice(0, PURCHASES_PAGE);
  return { entries, nextBefore: rows.length > PURCHASES_PAGE ? entries.at(-1)!.id : null };
}

/** A page of the purchases of a member `actor` may read; MEMBER_NOT_FOUND otherwise. */
export function memberPurchases(engine: Engine, actor: Actor, memberId: number, before?: number) {
  return engine.read(async (tx) => {
    await memberInScope(tx, actor, 'member.read', memberId);
    return purchasesOf(tx, memberId, before);
  });
}

/** A page of the points history of a member `actor` may read; MEMBER_NOT_FOUND otherwise. */
export function memberPointsHistory(engine: Engine, actor: Actor, memberId: number, before?: number) {
  return engine.read(async (tx) => {
    await memberInScope(tx, actor, 'member.read', memberId);
    return staffPointsHistory(tx, memberId, before);
  });
}

/** The member's page for `actor` (member.read in the member's store); MEMBER_NOT_FOUND otherwise. */
export function memberDetail(
  engine: Engine,
  actor: Actor,
  memberId: number,
  now: Date,
): Promise<MemberDetail> {
  return engine.read(async (tx) => {
    const m = await memberInScope(tx, actor, 'member.read', memberId);
    const personal = mayDo(actor, 'member.edit', m.homeStoreId);
    const [tier] = await tx.select().from(tiers).where(eq(tiers.code, m.tierCode));
    const [homeStore] = m.homeStoreId
      ? await tx.select({ id: stores.id, name: stores.name }).from(stores).where(eq(stores.id, m.homeStoreId))
      : [];
    const [conversation] = m.lineUserId
      ? await tx
          .select({ id: conversations.id })
          .from(conversations)
          .where(eq(conversations.lineUserId, m.lineUserId))
      : [];
    const wallet = await walletOf(tx, memberId, now);
    const worn = await tx
      .select({ id: tags.id, name: tags.name, kind: tags.kind })
      .from(memberTags)
      .innerJoin(tags, eq(tags.id, memberTags.tagId))
      .where(eq(memberTags.memberId, memberId))
      .orderBy(asc(tags.name));
    return {
      member: {
        id: m.id,
        memberNumber: m.memberNumber,
        name: m.name,
        phone: phoneFor(actor, m.phone, m.homeStoreId),
        birthday: personal ? m.birthday : null,
        gender: personal ? m.gender : null,
        email: personal ? m.email : null,
        homeStore: homeStore ?? null,
        tier: { code: tier!.code, name: tier!.name, nameEn: tier!.nameEn },
        source: m.source,
        lineBound: m.lineUserId !== null,
        marketingOptIn: m.marketingOptIn,
        joinedAt: m.joinedAt,
        withheld: personal ? [] : [...PERSONAL_FIELDS],
      },
      points: {
        ...(await pointsSummary(tx, memberId, m.pointsBalance, now)),
        history: await staffPointsHistory(tx, memberId),
      },
      coupons: [...wallet.usable, ...wallet.used, ...wallet.expired],
      purchases: await purchasesOf(tx, memberId),
      conversationId: conversation?.id ?? null,
      tags: worn,
      notes: await notesOf(tx, memberId),
    };
  });
}
