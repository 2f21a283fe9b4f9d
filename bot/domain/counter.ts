import { and, desc, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { members, purchases, staff, tiers } from '../../db/schema.ts';
import { redemptionRules } from './checkout.ts';
import { DomainError, InvalidFields } from './errors.ts';
import { memberByCardCode } from './member-card.ts';
import { normalisePhone } from './member-fields.ts';
import type { Member } from './members.ts';
import { currentPolicy, taipeiDate } from './points-policy.ts';

/** 王小明 -> 王○明, 陳美 -> 陳○: enough for the clerk to greet the member, not to learn their name. */
export function maskName(name: string | null): string {
  const chars = [...(name ?? '').trim()];
  if (chars.length === 0) return '會員';
  if (chars.length <= 2) return `${chars[0]}○`;
  return `${chars[0]}${'○'.repeat(chars.length - 2)}${chars.at(-1)}`;
}

/**
 * The member at the counter, found by the code on their card (QR or barcode, accepted only within its window)
 * or by their mobile number, as the clerk sees them: masked name, tier, balance and how points can be redeemed.
 */
export function memberAtCounter(db: Db, by: { code?: string; phone?: string }, now: Date) {
  let member: Member | null | undefined;
  if (by.code !== undefined) {
    member = memberByCardCode(db, by.code, now);
    if (!member) throw new DomainError('CARD_CODE_INVALID', 'The card code is not valid now');
  } else {
    const phone = normalisePhone(by.phone ?? '');
    if (!/^09\d{8}$/.test(phone)) throw new InvalidFields({ phone: 'PHONE_INVALID' });
    member = db
      .select()
      .from(members)
      .where(and(eq(members.phone, phone), eq(members.status, 'active')))
      .get();
    if (!member) throw new DomainError('MEMBER_NOT_FOUND', 'No member with this phone number');
  }
  const tier = db.select().from(tiers).where(eq(tiers.code, member.tierCode)).get()!;
  const policy = currentPolicy(db);
  const rules = redemptionRules(policy, 0);
  return {
    id: member.id,
    memberNumber: member.memberNumber,
    maskedName: maskName(member.name),
    tier: { code: tier.code, name: tier.name, nameEn: tier.nameEn, color: tier.color },
    balance: member.pointsBalance,
    redemption: {
      minPoints: rules.minPoints,
      pointValue: rules.pointValue,
      maxPercent: policy.maxRedeemPercent,
    },
  };
}

/** Today's purchases (Asia/Taipei) at a store, newest first: for the clerk's list and a manager's voids. */
export function todaysPurchases(db: Db, storeId: number, now: Date) {
  const start = new Date(`${taipeiDate(now)}T00:00:00+08:00`);
  const end = new Date(start.getTime() + 24 * 3600_000);
  return db
    .select({ purchase: purchases, member: members, staffName: staff.displayName })
    .from(purchases)
    .innerJoin(members, eq(members.id, purchases.memberId))
    .leftJoin(staff, eq(staff.id, purchases.staffId))
    .where(
      and(eq(purchases.storeId, storeId), gte(purchases.occurredAt, start), lt(purchases.occurredAt, end)),
    )
    .orderBy(desc(purchases.occurredAt), desc(purchases.id))
    .all()
    .map(({ purchase, member, staffName }) => ({
      ...purchaseView(purchase),
      memberNumber: member.memberNumber,
      maskedName: maskName(member.name),
      staffName,
    }));
}

export function purchaseView(purchase: typeof purchases.$inferSelect) {
  return {
    id: purchase.id,
    reference: purchase.reference,
    price: purchase.amount + purchase.discount,
    paid: purchase.amount,
    discount: purchase.discount,
    pointsEarned: purchase.pointsEarned,
    pointsRedeemed: purchase.pointsRedeemed,
    refundedAmount: purchase.refundedAmount,
    status: purchase.status,
    occurredAt: purchase.occurredAt.toISOString(),
  };
}
