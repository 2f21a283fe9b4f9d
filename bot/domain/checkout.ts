import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { placeholders, prepared } from '../../db/prepared.ts';
import {
  members,
  pointLots,
  pointsLedger,
  purchaseRefunds,
  purchases,
  stores,
  tiers,
} from '../../db/schema.ts';
import type { Actor } from './actor.ts';
import { recordAudit } from './audit.ts';
import { activeEarnRules, type Channel, pointsForPurchase } from './earn-rules.ts';
import { DomainError, InvalidFields } from './errors.ts';
import {
  addLot,
  balanceOf,
  expireDueLots,
  type LedgerEntry,
  recordAmount,
  restoreLots,
  spendLots,
} from './ledger.ts';
import type { Member } from './members.ts';
import { queueNotice } from './notices.ts';
import { currentPolicy, expiryUnder, type PointsPolicy, taipeiDate } from './points-policy.ts';
import { type TierChange, upgradeIfQualified } from './tiers.ts';

export type Purchase = typeof purchases.$inferSelect;
export type PurchaseRefund = typeof purchaseRefunds.$inferSelect;

export interface PurchaseRequest {
  memberId: number;
  /** NT$ price of the purchase before any points discount. */
  price: number;
  /** Points the member pays with (0 for none). */
  redeemPoints: number;
  channel: Channel;
  /** Receipt or order number. */
  reference: string;
  idempotencyKey: string;
  at: Date;
}

export interface PurchaseResult {
  purchase: Purchase;
  balance: number;
  tierChange: TierChange | null;
  /** True when this answers a request already made with the same idempotency key. */
  replayed: boolean;
}

const MAX_PRICE = 10_000_000;

/**
 * Points transactions take the write lock at BEGIN: a second connection (a script, another process) waits for it
 * instead of failing to upgrade a read it made first.
 */
const IMMEDIATE = { behavior: 'immediate' } as const;

/** What redeeming `points` on a purchase of `price` would take off, or the rule it breaks. */
export function redemptionRules(policy: PointsPolicy, price: number) {
  const maxDiscount = Math.floor((price * policy.maxRedeemPercent) / 100);
  return {
    minPoints: policy.minRedeemPoints,
    maxPoints: Math.floor(maxDiscount / policy.pointValue),
    pointValue: policy.pointValue,
  };
}

function checkRequest(request: PurchaseRequest): void {
  const fields: Record<string, string> = {};
  if (!Number.isInteger(request.price) || request.price < 1 || request.price > MAX_PRICE) {
    fields.price = 'PRICE_INVALID';
  }
  if (!Number.isInteger(request.redeemPoints) || request.redeemPoints < 0)
    fields.redeemPoints = 'POINTS_INVALID';
  if (!/^[\w\-/#.]{1,40}$/.test(request.reference)) fields.reference = 'REFERENCE_INVALID';
  if (Object.keys(fields).length > 0) throw new InvalidFields(fields);
}

/**
 * A purchase at the counter (or online): the member pays part of the price with points if they ask, and earns
 * points on what they paid, by the earn rules; the tier moves up when the purchase crosses a bar. One
 * transaction: the purchase, its ledger entries, the lots, the balance, the member's notice, the audit row.
 * The same idempotency key again returns the first result and changes nothing; with other contents it is refused.
 */
export function recordPurchase(db: Db, request: PurchaseRequest, actor: Actor): PurchaseResult {
  checkRequest(request);
  return db.transaction((tx) => {
    const earlier = purchaseByKey(tx).get({ key: request.idempotencyKey });
    if (earlier) return replay(tx, earlier, request);

    const member = activeMember(tx, request.memberId);
    expireDueLots(tx, member.id, request.at);
    const policy = currentPolicy(tx);
    const balance = balanceOf(tx, member.id);
    const discount = checkRedemption(policy, request, balance);
    const paid = request.price - discount;
    const tier = tierByCode(tx).get({ code: member.tierCode })!;
    const facts = { amount: paid, storeId: actor.storeId, channel: request.channel, at: request.at };
    const earned = pointsForPurchase(facts, tier.earnMultiplierPercent, activeEarnRules(tx), policy);

    const purchase = insertPurchase(tx).get({
      memberId: member.id,
      storeId: actor.storeId,
      channel: request.channel,
      staffId: actor.staffId,
      reference: request.reference,
      amount: paid,
      discount,
      pointsEarned: earned.points,
      pointsRedeemed: request.redeemPoints,
      idempotencyKey: request.idempotencyKey,
      occurredAt: request.at,
    })!;
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
      spendLots(tx, 'redeem', request.redeemPoints, {
        ...entry,
        idempotencyKey: `purchase:${purchase.id}:redeem`,
        note: `NT$${discount} off`,
      });
    }
    // The earn entry carries the amount paid, which counts towards the tier, even when it earns no points.
    const earnFacts = { ...entry, amount: paid, idempotencyKey: `purchase:${purchase.id}:earn` };
    if (earned.points > 0) addLot(tx, 'earn', earned.points, expiryUnder(policy, request.at), earnFacts);
    else recordAmount(tx, 'earn', earnFacts);

    const tierChange = upgradeIfQualified(tx, member, request.at);
    const after = balanceOf(tx, member.id);
    queueNotice(tx, {
      memberId: member.id,
      kind: request.redeemPoints > 0 ? 'points_redeemed' : 'points_earned',
      purpose: `purchase:${purchase.id}`,
      data: {
        purchaseId: purchase.id,
        storeName: storeName(tx, actor.storeId),
        paid,
        discount,
        earned: earned.points,
        redeemed: request.redeemPoints,
        balance: after,
        at: request.at.toISOString(),
      },
      at: request.at,
    });
    if (tierChange) {
      queueNotice(tx, {
        memberId: member.id,
        kind: 'tier_changed',
        purpose: `tier:${member.id}:${purchase.id}`,
        data: { ...tierChange, at: request.at.toISOString() },
        at: request.at,
      });
    }
    recordAudit(tx, {
      ...actor,
      action: 'purchase.create',
      subjectType: 'purchase',
      subjectId: purchase.id,
      after: { ...purchase, earnRules: earned.ruleIds, tierChange },
      at: request.at,
    });
    return { purchase, balance: after, tierChange, replayed: false };
  }, IMMEDIATE);
}

function replay(tx: Db, earlier: Purchase, request: PurchaseRequest): PurchaseResult {
  const same =
    earlier.memberId === request.memberId &&
    earlier.amount + earlier.discount === request.price &&
    earlier.pointsRedeemed === request.redeemPoints &&
    earlier.reference === request.reference;
  if (!same) {
    throw new DomainError('IDEMPOTENCY_CONFLICT', 'This idempotency key was used for another purchase');
  }
  return { purchase: earlier, balance: balanceOf(tx, earlier.memberId), tierChange: null, replayed: true };
}

function checkRedemption(policy: PointsPolicy, request: PurchaseRequest, balance: number): number {
  if (request.redeemPoints === 0) return 0;
  const rules = redemptionRules(policy, request.price);
  if (request.redeemPoints < rules.minPoints) {
    throw new DomainError('REDEEM_BELOW_MIN', 'Too few points to redeem', { minPoints: rules.minPoints });
  }
  if (request.redeemPoints > rules.maxPoints) {
    throw new DomainError('REDEEM_OVER_LIMIT', 'Points may pay for only part of the price', {
      maxPoints: rules.maxPoints,
    });
  }
  if (request.redeemPoints > balance) {
    throw new DomainError('POINTS_INSUFFICIENT', 'Not enough points', { balance });
  }
  return request.redeemPoints * policy.pointValue;
}

const purchaseByKey = prepared((db) =>
  db
    .select()
    .from(purchases)
    .where(eq(purchases.idempotencyKey, sql.placeholder('key')))
    .prepare(),
);

const insertPurchase = prepared((db) =>
  db
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
        'pointsEarned',
        'pointsRedeemed',
        'idempotencyKey',
        'occurredAt',
      ),
    )
    .returning()
    .prepare(),
);

const activeMemberById = prepared((db) =>
  db
    .select()
    .from(members)
    .where(and(eq(members.id, sql.placeholder('memberId')), eq(members.status, 'active')))
    .prepare(),
);

const tierByCode = prepared((db) =>
  db
    .select()
    .from(tiers)
    .where(eq(tiers.code, sql.placeholder('code')))
    .prepare(),
);

const storeById = prepared((db) =>
  db
    .select({ name: stores.name })
    .from(stores)
    .where(eq(stores.id, sql.placeholder('storeId')))
    .prepare(),
);

function activeMember(tx: Db, memberId: number): Member {
  const member = activeMemberById(tx).get({ memberId });
  if (!member) throw new DomainError('NOT_A_MEMBER', 'No active membership with this ID');
  return member;
}

const storeName = (tx: Db, storeId: number | null) =>
  storeId === null ? null : (storeById(tx).get({ storeId })?.name ?? null);

export interface RefundRequest {
  purchaseId: number;
  /** NT$ of the amount paid to refund; a void refunds all of it. */
  amount: number;
  isVoid: boolean;
  reason: string | null;
  idempotencyKey: string;
  at: Date;
}

export interface RefundResult {
  refund: PurchaseRefund;
  purchase: Purchase;
  balance: number;
  replayed: boolean;
}

/**
 * Refunds part or all of a purchase, or voids it (all of it, on the day it was made, in Taipei). The points it
 * earned are taken back and the points it spent are given back, in proportion to the amount refunded so far
 * (rounded down, so a full refund is exact). Earned points the member has already spent are taken from their
 * other points, down to zero at most: the balance never goes negative. The tier does not move down.
 */
export function refundPurchase(db: Db, request: RefundRequest, actor: Actor): RefundResult {
  return db.transaction((tx) => {
    const earlier = tx
      .select()
      .from(purchaseRefunds)
      .where(eq(purchaseRefunds.idempotencyKey, request.idempotencyKey))
      .get();
    if (earlier) {
      if (earlier.purchaseId !== request.purchaseId || earlier.isVoid !== request.isVoid) {
        throw new DomainError('IDEMPOTENCY_CONFLICT', 'This idempotency key was used for another refund');
      }
      const purchase = tx.select().from(purchases).where(eq(purchases.id, earlier.purchaseId)).get()!;
      return { refund: earlier, purchase, balance: balanceOf(tx, purchase.memberId), replayed: true };
    }
    const purchase = tx.select().from(purchases).where(eq(purchases.id, request.purchaseId)).get();
    if (!purchase) throw new DomainError('PURCHASE_NOT_FOUND', 'No such purchase');
    if (actor.storeId !== null && purchase.storeId !== null && purchase.storeId !== actor.storeId) {
      throw new DomainError('OTHER_STORE', 'This purchase was made in another store');
    }
    const left = purchase.amount - purchase.refundedAmount;
    if (left === 0 || purchase.status === 'voided') {
      throw new DomainError('ALREADY_REFUNDED', 'This purchase has already been refunded in full');
    }
    if (request.isVoid && taipeiDate(purchase.occurredAt) !== taipeiDate(request.at)) {
      throw new DomainError('VOID_TOO_LATE', 'A purchase can be voided only on the day it was made');
    }
    const amount = request.isVoid ? left : request.amount;
    if (!Number.isInteger(amount) || amount < 1 || amount > left) {
      throw new InvalidFields({ amount: 'REFUND_AMOUNT_INVALID' });
    }

    const refunded = purchase.refundedAmount + amount;
    const share = (points: number) => Math.floor((points * refunded) / purchase.amount);
    const previous = tx
      .select({
        removed: sql<number>`coalesce(sum(${purchaseRefunds.pointsRemoved}), 0)`,
        returned: sql<number>`coalesce(sum(${purchaseRefunds.pointsReturned}), 0)`,
      })
      .from(purchaseRefunds)
      .where(eq(purchaseRefunds.purchaseId, purchase.id))
      .get()!;
    const toRemove = share(purchase.pointsEarned) - previous.removed;
    const toReturn = share(purchase.pointsRedeemed) - previous.returned;

    const refundRow = tx
      .insert(purchaseRefunds)
      .values({
        purchaseId: purchase.id,
        amount,
        isVoid: request.isVoid,
        // What the purchase's share calls for; fewer may be taken when the member has spent them.
        pointsRemoved: toRemove,
        pointsReturned: toReturn,
        staffId: actor.staffId,
        reason: request.reason,
        idempotencyKey: request.idempotencyKey,
        occurredAt: request.at,
      })
      .returning()
      .get();
    const facts = {
      memberId: purchase.memberId,
      storeId: purchase.storeId,
      channel: purchase.channel,
      staffId: actor.staffId,
      reference: purchase.reference,
      purchaseId: purchase.id,
      at: request.at,
    };
    const entries = tx.select().from(pointsLedger).where(eq(pointsLedger.purchaseId, purchase.id)).all();
    const earnEntry = entries.find((e) => e.kind === 'earn');
    const redeemEntry = entries.find((e) => e.kind === 'redeem');
    // Given back first, so that the points returned can cover points earned and already spent.
    if (toReturn > 0 && redeemEntry) {
      restoreLots(tx, redeemEntry, toReturn, { ...facts, idempotencyKey: `refund:${refundRow.id}:return` });
    }
    // What the member still holds caps what can be taken back.
    const removed = Math.min(toRemove, balanceOf(tx, purchase.memberId));
    const earnLot = earnEntry ? lotOf(tx, earnEntry) : undefined;
    if (removed > 0) {
      spendLots(
        tx,
        'reverse',
        removed,
        {
          ...facts,
          amount: 0,
          reversesEntryId: earnEntry?.id ?? null,
          idempotencyKey: `refund:${refundRow.id}:remove`,
        },
        earnLot,
      );
    }
    // The refunded amount no longer counts towards the tier.
    recordAmount(tx, 'reverse', {
      ...facts,
      amount: -amount,
      idempotencyKey: `refund:${refundRow.id}:amount`,
      reversesEntryId: earnEntry?.id ?? null,
      note: toRemove > removed ? `${toRemove - removed} points had already been spent` : null,
    });
    const refund = refundRow;
    const status = request.isVoid ? 'voided' : refunded === purchase.amount ? 'refunded' : 'partly_refunded';
    const updated = tx
      .update(purchases)
      .set({ refundedAmount: refunded, status })
      .where(eq(purchases.id, purchase.id))
      .returning()
      .get();
    const balance = balanceOf(tx, purchase.memberId);
    queueNotice(tx, {
      memberId: purchase.memberId,
      kind: 'purchase_reversed',
      purpose: `refund:${refund.id}`,
      data: {
        purchaseId: purchase.id,
        reference: purchase.reference,
        amount,
        isVoid: request.isVoid,
        removed,
        returned: toReturn,
        balance,
        at: request.at.toISOString(),
      },
      at: request.at,
    });
    recordAudit(tx, {
      ...actor,
      action: request.isVoid ? 'purchase.void' : 'purchase.refund',
      subjectType: 'purchase',
      subjectId: purchase.id,
      before: purchase,
      after: { ...updated, refund },
      at: request.at,
    });
    return { refund, purchase: updated, balance, replayed: false };
  }, IMMEDIATE);
}

/** The lot an earn entry created. */
const lotOf = (tx: Db, entry: LedgerEntry) =>
  tx.select({ id: pointLots.id }).from(pointLots).where(eq(pointLots.earnEntryId, entry.id)).get()?.id;
