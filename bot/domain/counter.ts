import { and, desc, eq, gte, lt } from 'drizzle-orm';
import type { Engine } from '../../db/engine.ts';
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
export async function memberAtCounter(engine: Engine, by: { code?: string; phone?: string }, now: Date) {
  const phone = by.code === undefined ? normalisePhone(by.phone ?? '') : null;
  if (phone !== null && !/^09\d{8}$/.test(phone)) throw new InvalidFields({ phone: 'PHONE_INVALID' });
  const { member, tier, policy } = await engine.read(async (tx) => {
    let member: Member | null | undefined;
    if (phone === null) {
      member = await memberByCardCode(tx, by.code!, now);
      if (!member) throw new DomainError('CARD_CODE_INVALID', 'The card code is not valid now');
    } else {
      [member] = await tx
        .select()
        .from(members)
        .where(and(eq(members.phone, phone), eq(members.status, 'active')))
        .limit(1);
      if (!member) throw new DomainError('MEMBER_NOT_FOUND', 'No member with this phone number');
    }
    const [tier] = await tx.select().from(tiers).where(eq(tiers.code, member.tierCode));
    return { member, tier: tier!, policy: await currentPolicy(tx) };
  });
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
export async function todaysPurchases(engine: Engine, storeId: number, now: Date) {
  const start = new Date(`${taipeiDate(now)}T00:00:00+08:00`);
  const end = new Date(start.getTime() + 24 * 3600_000);
  const rows = await engine.read((tx) =>
    tx
      .select({ purchase: purchases, member: members, staffName: staff.displayName })
      .from(purchases)
      .innerJoin(members, eq(members.id, purchases.memberId))
      .leftJoin(staff, eq(staff.id, purchases.staffId))
      .where(
        and(eq(purchases.storeId, storeId), gte(purchases.occurredAt, start), lt(purchases.occurredAt, end)),
      )
      .orderBy(desc(purchases.occurredAt), desc(purchases.id)),
  );
  return rows.map(({ purchase, member, staffName }) => ({
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
