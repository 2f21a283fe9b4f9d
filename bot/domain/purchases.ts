import { and, eq, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { lockRows, placeholders, prepared } from '../../db/prepared.ts';
import { members, purchases } from '../../db/schema.ts';
import type { Actor } from './actor.ts';
import { recordAudit } from './audit.ts';
import {
  COUPON_NEEDS_CARD,
  type CouponTaken,
  checkedCodes,
  couponsOfPurchase,
  holdCoupons,
  markCouponsUsed,
} from './coupon-redemption.ts';
import { activeEarnRules, type Channel, pointsForPurchase } from './earn-rules.ts';
import { DomainError, InvalidFields } from './errors.ts';
import { type CounterClerk, lookupOf, type Proof, spendLookup, usableLookup } from './member-lookups.ts';
import type { Member } from './members.ts';
import { queueNotice } from './notices.ts';
import { ensureCan } from './permissions.ts';
import { addLot, expireDueLots, spendLots } from './point-lots.ts';
import { balanceOf, recordAmount } from './points-ledger.ts';
import { currentPolicy, expiryUnder, type PointsPolicy } from './points-policy.ts';
import { requireStore } from './stores.ts';
import { type TierChange, tierOf, upgradeIfQualified } from './tiers.ts';

export type Purchase = typeof purchases.$inferSelect;

/**
 * Who pays. At the counter, a lookup's token (bot/domain/member-lookups.ts): the member and how the clerk knew
 * them, never an id the clerk's page could change. Callers that know the member themselves (scripts, tests, a
 * future online channel) name them with the proof they hold.
 */
export type Payer = { lookupToken: string } | { id: number; proof: Proof };

export interface PurchaseRequest {
  member: Payer;
  /** NT$ price of the purchase before any coupon or points discount. */
  price: number;
  /** Codes of the member's coupons to use (none when absent); their discount comes off before points. */
  couponCodes?: string[];
  /** Points the member pays with (0 for none). */
  redeemPoints: number;
  channel: Channel;
  /** Receipt or order number. */
  reference: string;
  idempotencyKey: string;
  at: Date;
}

/** A coupon a purchase used, as its receipt and the counter show it. */
export interface UsedCoupon {
  code: string;
  title: string;
  titleEn: string;
  discount: number;
}

export interface PurchaseResult {
  purchase: Purchase;
  coupons: UsedCoupon[];
  balance: number;
  tierChange: TierChange | null;
  /** True when this answers a request already made with the same idempotency key. */
  replayed: boolean;
}

const MAX_PRICE = 10_000_000;

/** What redeeming `points` on a purchase of `price` would take off, or the rule it breaks. */
export function redemptionRules(policy: PointsPolicy, price: number) {
  const maxDiscount = Math.floor((price * policy.maxRedeemPercent) / 100);
  return {
    minPoints: policy.minRedeemPoints,
    maxPoints: Math.floor(maxDiscount / policy.pointValue),
    pointValue: policy.pointValue,
  };
}

function checkRequest(request: PurchaseRequest): string[] {
  const fields: Record<string, string> = {};
  let codes: string[] = [];
  try {
    codes = checkedCodes(request.couponCodes ?? []);
  } catch (error) {
    Object.assign(fields, (error as InvalidFields).details.fields);
  }
  if (!Number.isInteger(request.price) || request.price < 1 || request.price > MAX_PRICE) {
    fields.price = 'PRICE_INVALID';
  }
  if (!Number.isInteger(request.redeemPoints) || request.redeemPoints < 0)
    fields.redeemPoints = 'POINTS_INVALID';
  if (!/^[\w\-/#.]{1,40}$/.test(request.reference)) fields.reference = 'REFERENCE_INVALID';
  if (Object.keys(fields).length > 0) throw new InvalidFields(fields);
  return codes;
}

/**
 * A purchase at the counter (or online): the member's coupons take their discount off the price first, then
 * the member pays part of what is left with points if they ask, and earns points on what they finally paid, by
 * the earn rules; the tier moves up when the purchase crosses a bar. One transaction: the purchase, its coupons
 * marked used, its ledger entries, the lots, the balance, the member's notice, the audit row. The same
 * idempotency key again returns the first result and changes nothing; with other contents (other coupons too)
 * it is refused.
 */
export async function recordPurchase(
  engine: Engine,
  request: PurchaseRequest,
  actor: Actor,
): Promise<PurchaseResult> {
  const codes = checkRequest(request);
  // Asked here too, not only by the route: a script or a POS calls this without one.
  ensureCan(actor, 'purchase.record', { storeId: actor.storeId });
  if (request.redeemPoints > 0) ensureCan(actor, 'points.redeem', { storeId: actor.storeId });
  return engine.write(async (tx) => {
    const payer = request.member;
    const lookup = 'lookupToken' in payer ? await lookupOf(tx, payer.lookupToken, clerkOf(actor)) : null;
    const memberId = lookup ? lookup.memberId : (payer as { id: number }).id;
    // The member's row, held to the commit: two purchases for one member (or one key replayed at two
    // instances) run one after the other, each reading the balance, the lots, the key and the lookup as the
    // other left them.
    await lockRows(tx, members, eq(members.id, memberId));
    const [earlier] = await purchaseByKey(tx).execute({ key: request.idempotencyKey });
    if (earlier) return replay(tx, earlier, { ...request, memberId, codes }, actor);
    const proof = lookup
      ? (await usableLookup(tx, lookup, request.at)).proof
      : (payer as { proof: Proof }).proof;
    if (request.redeemPoints > 0 && !proofAllowsRedeem(proof)) {
      throw new DomainError('REDEEM_NEEDS_CARD', '需要會員出示會員卡才能使用點數折抵', { proof });
    }
    // A coupon's code is no secret (the wallet shows it): using one needs the member shown as for points.
    if (codes.length > 0 && !proofAllowsRedeem(proof)) {
      throw new DomainError('COUPON_NEEDS_CARD', COUPON_NEEDS_CARD, { proof });
    }

    const member = await activeMember(tx, memberId);
    const taken = await holdCoupons(tx, codes, {
      memberId: member.id,
      price: request.price,
      storeId: actor.storeId,
      channel: request.channel,
      at: request.at,
    });
    const couponDiscount = taken.reduce((sum, t) => sum + t.discount, 0);
    await expireDueLots(tx, member.id, request.at);
    const policy = await currentPolicy(tx);
    const balance = await balanceOf(tx, member.id);
    // Points pay for part of what the coupons left: their max-percent rule applies to that.
    const discount = checkRedemption(policy, request.redeemPoints, request.price - couponDiscount, balance);
    const paid = request.price - couponDiscount - discount;
    const tier = await tierOf(tx, member.tierCode);
    const facts = { amount: paid, storeId: actor.storeId, channel: request.channel, at: request.at };
    const earned = pointsForPurchase(facts, tier.earnMultiplierPercent, await activeEarnRules(tx), policy);

    const [purchase] = await insertPurchase(tx).execute({
      memberId: member.id,
      storeId: actor.storeId,
      channel: request.channel,
      staffId: actor.staffId,
      reference: request.reference,
      amount: paid,
      discount,
      couponDiscount,
      pointsEarned: earned.points,
      pointsRedeemed: request.redeemPoints,
      idempotencyKey: request.idempotencyKey,
      occurredAt: request.at,
    });
    if (!purchase) throw new Error('The purchase was not stored');
    if (lookup) await spendLookup(tx, lookup, purchase.id);
    await markCouponsUsed(tx, taken, purchase);
    const entry = {
      memberId: member.id,
      storeId: actor.storeId,
      channel: request.channel,
      staffId: actor.staffId,
      reference: request.reference,
      purchaseId: purchase.id,
      at: request.at,
    };
    if (request.redeemPoints > 0) {
      await spendLots(tx, 'redeem', request.redeemPoints, {
        ...entry,
        idempotencyKey: `purchase:${purchase.id}:redeem`,
        note: `NT$${discount} off`,
      });
    }
    // The earn entry carries the amount paid, which counts towards the tier, even when it earns no points.
    const earnFacts = { ...entry, amount: paid, idempotencyKey: `purchase:${purchase.id}:earn` };
    if (earned.points > 0) {
      await addLot(tx, 'earn', earned.points, expiryUnder(policy, request.at), earnFacts);
    } else {
      await recordAmount(tx, 'earn', earnFacts);
    }

    const tierChange = await upgradeIfQualified(tx, member, request.at);
    const after = await balanceOf(tx, member.id);
    await queueNotice(tx, {
      memberId: member.id,
      kind: request.redeemPoints > 0 ? 'points_redeemed' : 'points_earned',
      purpose: `purchase:${purchase.id}`,
      data: {
        purchaseId: purchase.id,
        storeName: await storeName(tx, actor.storeId),
        paid,
        discount,
        earned: earned.points,
        redeemed: request.redeemPoints,
        balance: after,
        at: request.at.toISOString(),
        coupons: taken.map(({ template }) => ({ title: template.title, titleEn: template.titleEn })),
        couponDiscount,
      },
      at: request.at,
    });
    if (tierChange) {
      await queueNotice(tx, {
        memberId: member.id,
        kind: 'tier_changed',
        purpose: `tier:${member.id}:${purchase.id}`,
        data: { ...tierChange, at: request.at.toISOString() },
        at: request.at,
      });
    }
    await recordAudit(tx, {
      ...actor,
      action: 'purchase.create',
      subjectType: 'purchase',
      subjectId: purchase.id,
      after: {
        ...purchase,
        coupons: taken.map(({ coupon, discount }) => ({ id: coupon.id, code: coupon.code, discount })),
        earnRules: earned.ruleIds,
        tierChange,
        proof,
        approvedBy: lookup?.approvedBy ?? null,
      },
      at: request.at,
    });
    return { purchase, coupons: usedCoupons(taken), balance: after, tierChange, replayed: false };
  });
}

const usedCoupons = (taken: CouponTaken[]): UsedCoupon[] =>
  taken.map(({ coupon, template, discount }) => ({
    code: coupon.code,
    title: template.title,
    titleEn: template.titleEn,
    discount,
  }));

/**
 * The answer to a key already used: the first purchase, to the same staff scope only (a clerk of another store is
 * refused as a first request would be), and only for the same contents. The coupons are compared while the
 * purchase holds them; a void gives them back (refunds.ts), after which its replay compares the rest alone.
 */
async function replay(
  tx: Tx,
  earlier: Purchase,
  request: PurchaseRequest & { memberId: number; codes: string[] },
  actor: Actor,
): Promise<PurchaseResult> {
  if (actor.storeId !== null && earlier.storeId !== null && earlier.storeId !== actor.storeId) {
    throw new DomainError('OTHER_STORE', 'This purchase was made in another store');
  }
  const held = (await couponsOfPurchase(tx, earlier.id)).map(({ coupon, template }) => ({
    coupon,
    template,
    discount: coupon.discount ?? 0,
  }));
  const returned = earlier.status === 'voided' || earlier.status === 'refunded';
  const sameCoupons =
    returned ||
    [...request.codes].sort().join() ===
      held
        .map(({ coupon }) => coupon.code)
        .sort()
        .join();
  const same =
    earlier.memberId === request.memberId &&
    earlier.amount + earlier.discount + earlier.couponDiscount === request.price &&
    earlier.pointsRedeemed === request.redeemPoints &&
    earlier.reference === request.reference &&
    sameCoupons;
  if (!same) {
    throw new DomainError('IDEMPOTENCY_CONFLICT', 'This idempotency key was used for another purchase');
  }
  return {
    purchase: earlier,
    coupons: usedCoupons(held),
    balance: await balanceOf(tx, earlier.memberId),
    tierChange: null,
    replayed: true,
  };
}

/** NT$ the points take off `price` (what the coupons left), or the rule they break. */
function checkRedemption(policy: PointsPolicy, redeemPoints: number, price: number, balance: number): number {
  if (redeemPoints === 0) return 0;
  const rules = redemptionRules(policy, price);
  if (redeemPoints < rules.minPoints) {
    throw new DomainError('REDEEM_BELOW_MIN', 'Too few points to redeem', { minPoints: rules.minPoints });
  }
  if (redeemPoints > rules.maxPoints) {
    throw new DomainError('REDEEM_OVER_LIMIT', 'Points may pay for only part of the price', {
      maxPoints: rules.maxPoints,
    });
  }
  if (redeemPoints > balance) {
    throw new DomainError('POINTS_INSUFFICIENT', 'Not enough points', { balance });
  }
  return redeemPoints * policy.pointValue;
}

const purchaseByKey = prepared('purchase_by_key', (tx) =>
  tx
    .select()
    .from(purchases)
    .where(eq(purchases.idempotencyKey, sql.placeholder('key'))),
);

const insertPurchase = prepared('insert_purchase', (tx) =>
  tx
    .insert(purchases)
    .values(
      placeholders(
        'memberId',
        'storeId',
        'channel',
        'staffId',
        'reference',
        'amount',
        'discount',
        'couponDiscount',
        'pointsEarned',
        'pointsRedeemed',
        'idempotencyKey',
        'occurredAt',
      ),
    )
    .returning(),
);

const activeMemberById = prepared('active_member_by_id', (tx) =>
  tx
    .select()
    .from(members)
    .where(and(eq(members.id, sql.placeholder('memberId')), eq(members.status, 'active'))),
);

async function activeMember(tx: Tx, memberId: number): Promise<Member> {
  const [member] = await activeMemberById(tx).execute({ memberId });
  if (!member) throw new DomainError('NOT_A_MEMBER', 'No active membership with this ID');
  return member;
}

/** Only the card's current code, or a store manager's approval, shows the member is at the counter to pay. */
export const proofAllowsRedeem = (proof: Proof) => proof === 'card' || proof === 'manager_approved';

/** The clerk a lookup must belong to; a caller without a store or a staff member matches no lookup. */
const clerkOf = (actor: Actor): CounterClerk => ({
  staffId: actor.staffId ?? 0,
  storeId: actor.storeId ?? 0,
});

const storeName = async (tx: Tx, storeId: number | null) =>
  storeId === null ? null : (await requireStore(tx, storeId)).name;
