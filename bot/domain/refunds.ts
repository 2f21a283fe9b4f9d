import { eq, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { lockRows } from '../../db/prepared.ts';
import { members, pointLots, pointsLedger, purchaseRefunds, purchases } from '../../db/schema.ts';
import type { Actor } from './actor.ts';
import { recordAudit } from './audit.ts';
import { permissionsOf } from './counter-approvals.ts';
import { returnCoupons } from './coupon-redemption.ts';
import { DomainError, InvalidFields } from './errors.ts';
import { queueNotice } from './notices.ts';
import { ensureCan } from './permissions.ts';
import { restoreLots, spendLots } from './point-lots.ts';
import { balanceOf, type LedgerEntry, recordAmount } from './points-ledger.ts';
import type { Purchase } from './purchases.ts';
import { taipeiDate } from './taipei-time.ts';

export type PurchaseRefund = typeof purchaseRefunds.$inferSelect;

export interface RefundRequest {
  purchaseId: number;
  /** NT$ of the amount paid to refund; a void refunds all of it. */
  amount: number;
  isVoid: boolean;
  reason: string | null;
  idempotencyKey: string;
  at: Date;
  /** The store manager who approved it on a clerk's device, when the clerk may not do it alone. */
  approvedBy?: number | null;
}

export interface RefundResult {
  refund: PurchaseRefund;
  purchase: Purchase;
  balance: number;
  replayed: boolean;
}

/**
 * Refunds part or all of a purchase, or voids it (all of it, on the day it was made, in Taipei). The points it
 * earned are taken back and the points it spent are given back, in proportion to the amount paid refunded so
 * far (rounded down, so a full refund is exact). Earned points the member has already spent are taken from their
 * other points, down to zero at most: the balance never goes negative. The tier does not move down. Its coupons
 * come back only with a void or once all of it is refunded; a partial refund keeps them used (ADR 27).
 */
export async function refundPurchase(
  engine: Engine,
  request: RefundRequest,
  actor: Actor,
): Promise<RefundResult> {
  return engine.write(async (tx) => {
    // The purchase's row, held to the commit: two refunds of one purchase (or one key replayed at two instances)
    // run one after the other, each reading the amounts the other refunded.
    await lockRows(tx, purchases, eq(purchases.id, request.purchaseId));
    const [earlier] = await tx
      .select()
      .from(purchaseRefunds)
      .where(eq(purchaseRefunds.idempotencyKey, request.idempotencyKey));
    const [purchase] = await tx.select().from(purchases).where(eq(purchases.id, request.purchaseId));
    if (!purchase) throw new DomainError('PURCHASE_NOT_FOUND', 'No such purchase');
    // A replay keeps every rule of a first request: the store, then the same contents.
    if (actor.storeId !== null && purchase.storeId !== null && purchase.storeId !== actor.storeId) {
      throw new DomainError('OTHER_STORE', 'This purchase was made in another store');
    }
    // Who may: the actor, or the store manager who approved it on the actor's device (counter-approvals.ts).
    const who = request.approvedBy ? { ...actor, may: await permissionsOf(tx, request.approvedBy) } : actor;
    ensureCan(who, request.isVoid ? 'purchase.void' : 'purchase.refund', purchase);
    if (earlier) {
      const same =
        earlier.purchaseId === request.purchaseId &&
        earlier.isVoid === request.isVoid &&
        (request.isVoid || earlier.amount === request.amount);
      if (!same) {
        throw new DomainError('IDEMPOTENCY_CONFLICT', 'This idempotency key was used for another refund');
      }
      return { refund: earlier, purchase, balance: await balanceOf(tx, purchase.memberId), replayed: true };
    }
    const left = purchase.amount - purchase.refundedAmount;
    // A purchase its coupons paid in full (NT$0 paid) can still be voided, to give the coupons back.
    const finished = purchase.status === 'voided' || purchase.status === 'refunded';
    if (finished || (left === 0 && !request.isVoid)) {
      throw new DomainError('ALREADY_REFUNDED', 'This purchase has already been refunded in full');
    }
    if (request.isVoid && taipeiDate(purchase.occurredAt) !== taipeiDate(request.at)) {
      throw new DomainError('VOID_TOO_LATE', 'A purchase can be voided only on the day it was made');
    }
    const amount = request.isVoid ? left : request.amount;
    if (!Number.isInteger(amount) || amount < (request.isVoid ? 0 : 1) || amount > left) {
      throw new InvalidFields({ amount: 'REFUND_AMOUNT_INVALID' });
    }
    // The member's row too: what they hold caps the points taken back, and their purchases move the same lots.
    await lockRows(tx, members, eq(members.id, purchase.memberId));

    const refunded = purchase.refundedAmount + amount;
    const whole = request.isVoid || refunded === purchase.amount;
    const share = (points: number) => (whole ? points : Math.floor((points * refunded) / purchase.amount));
    const [previous] = await tx
      .select({
        removed: sql<number>`coalesce(sum(${purchaseRefunds.pointsRemoved}), 0)`.mapWith(Number),
        returned: sql<number>`coalesce(sum(${purchaseRefunds.pointsReturned}), 0)`.mapWith(Number),
      })
      .from(purchaseRefunds)
      .where(eq(purchaseRefunds.purchaseId, purchase.id));
    const toRemove = share(purchase.pointsEarned) - previous!.removed;
    const toReturn = share(purchase.pointsRedeemed) - previous!.returned;

    const [refund] = await tx
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
      .returning();
    if (!refund) throw new Error('The refund was not stored');
    const facts = {
      memberId: purchase.memberId,
      storeId: purchase.storeId,
      channel: purchase.channel,
      staffId: actor.staffId,
      reference: purchase.reference,
      purchaseId: purchase.id,
      at: request.at,
    };
    const entries = await tx.select().from(pointsLedger).where(eq(pointsLedger.purchaseId, purchase.id));
    const earnEntry = entries.find((e) => e.kind === 'earn');
    const redeemEntry = entries.find((e) => e.kind === 'redeem');
    // Given back first, so that the points returned can cover points earned and already spent.
    if (toReturn > 0 && redeemEntry) {
      await restoreLots(tx, redeemEntry, toReturn, {
        ...facts,
        idempotencyKey: `refund:${refund.id}:return`,
      });
    }
    // What the member still holds caps what can be taken back.
    const removed = Math.min(toRemove, await balanceOf(tx, purchase.memberId));
    const earnLot = earnEntry ? await lotOf(tx, earnEntry) : undefined;
    if (removed > 0) {
      await spendLots(
        tx,
        'reverse',
        removed,
        {
          ...facts,
          amount: 0,
          reversesEntryId: earnEntry?.id ?? null,
          idempotencyKey: `refund:${refund.id}:remove`,
        },
        earnLot,
      );
    }
    // The refunded amount no longer counts towards the tier.
    await recordAmount(tx, 'reverse', {
      ...facts,
      amount: -amount,
      idempotencyKey: `refund:${refund.id}:amount`,
      reversesEntryId: earnEntry?.id ?? null,
      note: toRemove > removed ? `${toRemove - removed} points had already been spent` : null,
    });
    const status = request.isVoid ? 'voided' : whole ? 'refunded' : 'partly_refunded';
    const couponsReturned = whole ? await returnCoupons(tx, purchase.id, request.at) : [];
    const [updated] = await tx
      .update(purchases)
      .set({ refundedAmount: refunded, status })
      .where(eq(purchases.id, purchase.id))
      .returning();
    const balance = await balanceOf(tx, purchase.memberId);
    await queueNotice(tx, {
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
    await recordAudit(tx, {
      ...actor,
      action: request.isVoid ? 'purchase.void' : 'purchase.refund',
      subjectType: 'purchase',
      subjectId: purchase.id,
      before: purchase,
      after: { ...updated, refund, couponsReturned, approvedBy: request.approvedBy ?? null },
      at: request.at,
    });
    return { refund, purchase: updated!, balance, replayed: false };
  });
}

/** The lot an earn entry created. */
async function lotOf(tx: Tx, entry: LedgerEntry): Promise<number | undefined> {
  const [lot] = await tx
    .select({ id: pointLots.id })
    .from(pointLots)
    .where(eq(pointLots.earnEntryId, entry.id));
  return lot?.id;
}
