/**
 * Voiding a coupon that was never used: a store manager or an admin takes back one given by mistake, or gives a
 * member their points back for a catalogue coupon they no longer want (the one way an exchange is reversed,
 * ADR 26). A used coupon stays used: its discount is part of a purchase, undone only by voiding that purchase.
 */
import { eq } from 'drizzle-orm';
import type { Engine } from '../../db/engine.ts';
import { lockRows } from '../../db/prepared.ts';
import { coupons, couponTemplates, members } from '../../db/schema.ts';
import { type Actor, auditAs } from './actor.ts';
import { exchangeEntryKeyOf } from './coupon-exchange.ts';
import { stateOf } from './coupon-wallet.ts';
import type { Coupon } from './coupons.ts';
import { DomainError } from './errors.ts';
import { ensureCan } from './permissions.ts';
import { expireDueLots, restoreLots } from './point-lots.ts';
import { balanceOf, entryByKey } from './points-ledger.ts';

export interface VoidOutcome {
  coupon: Coupon;
  pointsReturned: number;
  balance: number;
}

const refusals = {
  used: ['COUPON_USED', '這張優惠券已使用，不能作廢'],
  void: ['COUPON_VOID', '這張優惠券已作廢'],
  expired: ['COUPON_EXPIRED', '這張優惠券已過期，不能作廢'],
} as const;

/**
 * Voids an unused coupon (usable or not yet valid), audited as `coupon.void` with the reason. A coupon bought
 * with points gives them back: a `reverse` entry of the exchange, to the lots that paid (point-lots.ts
 * `restoreLots`), and points whose lot has expired since expire again at once, so only points still in date come
 * back. A used one is refused (EXCHANGE_NOT_REVERSIBLE for a catalogue coupon, COUPON_USED otherwise).
 */
export async function voidCoupon(
  engine: Engine,
  couponId: number,
  reason: string,
  actor: Actor,
  at: Date,
): Promise<VoidOutcome> {
  ensureCan(actor, 'coupon.void');
  return engine.write(async (tx) => {
    const [found] = await tx.select().from(coupons).where(eq(coupons.id, couponId));
    if (!found) throw new DomainError('COUPON_NOT_FOUND', '找不到這張優惠券');
    // The lock order of every coupon write: the member's row, then the template's.
    await lockRows(tx, members, eq(members.id, found.memberId));
    await lockRows(tx, couponTemplates, eq(couponTemplates.id, found.templateId));
    const [coupon] = await tx.select().from(coupons).where(eq(coupons.id, couponId));
    const state = stateOf(coupon!, at);
    if (state === 'used' && coupon!.how === 'points')
      throw new DomainError('EXCHANGE_NOT_REVERSIBLE', '已使用的兌換優惠券不能退回點數');
    if (state === 'used' || state === 'void' || state === 'expired') {
      const [code, message] = refusals[state];
      throw new DomainError(code, message);
    }
    const [voided] = await tx
      .update(coupons)
      .set({ status: 'void' })
      .where(eq(coupons.id, couponId))
      .returning();
    let pointsReturned = 0;
    const paid = coupon!.pointsSpent ? await entryByKey(tx, exchangeEntryKeyOf(couponId)) : undefined;
    if (paid) {
      const facts = {
        memberId: coupon!.memberId,
        channel: 'other' as const,
        staffId: actor.staffId,
        storeId: actor.storeId,
        idempotencyKey: `coupon-void:${couponId}`,
        note: `Coupon ${coupon!.code} voided: ${reason}`,
        at,
      };
      await restoreLots(tx, paid, -paid.points, facts);
      pointsReturned = Math.max(0, -paid.points - (await expireDueLots(tx, coupon!.memberId, at)));
    }
    await auditAs(tx, actor, at, {
      action: 'coupon.void',
      subjectType: 'coupon',
      subjectId: couponId,
      before: { status: coupon!.status },
      after: { status: 'void', reason, memberId: coupon!.memberId, pointsReturned },
    });
    return { coupon: voided!, pointsReturned, balance: await balanceOf(tx, coupon!.memberId) };
  });
}
