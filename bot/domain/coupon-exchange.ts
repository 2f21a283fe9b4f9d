/**
 * The rewards catalogue: a member exchanges points for a coupon, in one transaction with the points ledger. The
 * points leave as an `exchange` entry that names the coupon, from the lots soonest to expire first (as a
 * redemption spends them), and the coupon records what it cost; voiding it unused gives them back (coupon-void.ts,
 * ADR 26).
 */
import { eq } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { lockRows } from '../../db/prepared.ts';
import { coupons, couponTemplates, members } from '../../db/schema.ts';
import { commandLine } from './actor.ts';
import { requireTemplate } from './coupon-templates.ts';
import { type Coupon, issueIn } from './coupons.ts';
import { DomainError } from './errors.ts';
import { expireDueLots, spendLots } from './point-lots.ts';
import { balanceOf } from './points-ledger.ts';

export interface ExchangeRequest {
  templateId: number;
  memberId: number;
  /** The page's key for this tap: a retry answers the first coupon and spends nothing more. */
  idempotencyKey: string;
  at: Date;
}

export interface ExchangeOutcome {
  coupon: Coupon;
  balance: number;
  replayed: boolean;
}

/** A member's keys are their own: the same key from two members never meets. */
export const exchangeKeyOf = (memberId: number, key: string) => `exchange:${memberId}:${key}`;
/** The ledger entry that paid for a coupon: found again by it when the coupon is voided. */
export const exchangeEntryKeyOf = (couponId: number) => `exchange:coupon:${couponId}`;

async function byKey(tx: Tx, key: string, request: ExchangeRequest): Promise<Coupon | undefined> {
  const [first] = await tx.select().from(coupons).where(eq(coupons.idempotencyKey, key));
  if (first && first.templateId !== request.templateId)
    throw new DomainError('IDEMPOTENCY_CONFLICT', '這個請求編號已用於另一張優惠券');
  return first;
}

/**
 * Exchanges the template's points price for one of its coupons. The member's row is locked first, then the
 * template's (the lock order every coupon write keeps), so the balance and the caps are each counted one
 * exchange after the other; points that have come to their expiry expire first and cannot pay.
 */
export async function exchangePoints(engine: Engine, request: ExchangeRequest): Promise<ExchangeOutcome> {
  const key = exchangeKeyOf(request.memberId, request.idempotencyKey);
  return engine.write(async (tx) => {
    const first = await byKey(tx, key, request);
    if (first) return { coupon: first, balance: await balanceOf(tx, request.memberId), replayed: true };
    await lockRows(tx, members, eq(members.id, request.memberId));
    await lockRows(tx, couponTemplates, eq(couponTemplates.id, request.templateId));
    const raced = await byKey(tx, key, request);
    if (raced) return { coupon: raced, balance: await balanceOf(tx, request.memberId), replayed: true };
    const template = await requireTemplate(tx, request.templateId);
    const price = template.pointsPrice;
    if (price === null) throw new DomainError('COUPON_NOT_IN_CATALOGUE', '這張優惠券不能用點數兌換');
    await expireDueLots(tx, request.memberId, request.at);
    if ((await balanceOf(tx, request.memberId)) < price)
      throw new DomainError('POINTS_INSUFFICIENT', '點數不足，無法兌換');
    const { coupon } = await issueIn(
      tx,
      {
        templateId: template.id,
        memberId: request.memberId,
        how: 'points',
        idempotencyKey: key,
        at: request.at,
        pointsSpent: price,
      },
      commandLine,
    );
    const entry = await spendLots(tx, 'exchange', price, {
      memberId: request.memberId,
      channel: 'other',
      idempotencyKey: exchangeEntryKeyOf(coupon.id),
      note: `Coupon ${coupon.code} (${template.title})`,
      at: request.at,
    });
    return { coupon, balance: entry.balanceAfter, replayed: false };
  });
}
