import { and, asc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { type CouponChannel, coupons, couponTemplates } from '../../db/schema.ts';
import { COUPON_NEEDS_CARD, couponsFor, normalCode } from './coupon-redemption.ts';
import type { CouponTemplate } from './coupon-templates.ts';
import type { Coupon } from './coupons.ts';
import { DomainError, InvalidFields, type RefusalCode } from './errors.ts';
import { type CounterClerk, lookupOf } from './member-lookups.ts';

/** A coupon as the counter shows it beside the member it belongs to. */
export interface CounterCoupon {
  id: number;
  code: string;
  title: string;
  titleEn: string;
  kind: CouponTemplate['kind'];
  amountOff: number | null;
  percentOff: number | null;
  maxDiscount: number | null;
  giftName: string | null;
  minSpend: number;
  stackable: boolean;
  validUntil: string;
}

/** What a template gives, in the counter's words: the part of a coupon its template decides. */
export const counterOffer = (template: CouponTemplate) => ({
  title: template.title,
  titleEn: template.titleEn,
  kind: template.kind,
  amountOff: template.amountOff,
  percentOff: template.percentOff,
  maxDiscount: template.maxDiscount,
  giftName: template.giftName,
  minSpend: template.minSpend,
  stackable: template.stackable,
});

/** A coupon and its template as the counter's lookup and validation answer it (bot/schemas/counter-api.ts). */
export const counterCoupon = (coupon: Coupon, template: CouponTemplate): CounterCoupon => ({
  id: coupon.id,
  code: coupon.code,
  ...counterOffer(template),
  validUntil: coupon.validUntil.toISOString(),
});

/**
 * A member's coupons the counter can take at this store on the channel: issued and within their validity,
 * allowed here; soonest expiry first. Whether the amount reaches a minimum spend is the validation's question.
 */
export async function counterCouponsOf(
  tx: Tx,
  memberId: number,
  storeId: number,
  channel: CouponChannel,
  now: Date,
): Promise<CounterCoupon[]> {
  const rows = await tx
    .select({ coupon: coupons, template: couponTemplates })
    .from(coupons)
    .innerJoin(couponTemplates, eq(couponTemplates.id, coupons.templateId))
    .where(
      and(
        eq(coupons.memberId, memberId),
        eq(coupons.status, 'issued'),
        lte(coupons.validFrom, now),
        gte(coupons.validUntil, now),
      ),
    )
    .orderBy(asc(coupons.validUntil), asc(coupons.id));
  return rows
    .filter(({ template }) => template.storeIds === null || template.storeIds.includes(storeId))
    .filter(({ template }) => template.channels.includes(channel))
    .map(({ coupon, template }) => counterCoupon(coupon, template));
}

export type Validation =
  | { usable: true; discount: number; coupon: CounterCoupon }
  | { usable: false; reason: RefusalCode; message: string };

/**
 * Whether one code can be used on a purchase of `price` at the clerk's store, and what it would take off: the
 * counter asks as the code is typed, a POS before it charges. With the lookup's token the coupon must be that
 * member's and, to be used, the member's card (or a manager's approval) shown. Changes nothing.
 */
export async function validateCoupon(
  engine: Engine,
  request: { code: string; price: number; channel: CouponChannel; lookupToken?: string },
  clerk: CounterClerk,
  now: Date,
): Promise<Validation> {
  if (!Number.isInteger(request.price) || request.price < 1)
    throw new InvalidFields({ price: 'PRICE_INVALID' });
  const code = normalCode(request.code);
  return engine.read(async (tx) => {
    const lookup = request.lookupToken ? await lookupOf(tx, request.lookupToken, clerk) : null;
    const use = {
      memberId: lookup?.memberId ?? null,
      price: request.price,
      storeId: clerk.storeId,
      channel: request.channel,
      at: now,
    };
    try {
      const [taken] = await couponsFor(tx, [code], use);
      if (lookup && lookup.proof !== 'card' && lookup.proof !== 'manager_approved')
        return { usable: false, reason: 'COUPON_NEEDS_CARD', message: COUPON_NEEDS_CARD } as const;
      return {
        usable: true,
        discount: taken!.discount,
        coupon: counterCoupon(taken!.coupon, taken!.template),
      } as const;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { usable: false, reason: error.code, message: error.message } as const;
    }
  });
}

/** A coupon named on a purchase of the day's list. */
export interface CouponOnPurchase {
  code: string;
  title: string;
  titleEn: string;
}

/**
 * The coupons each purchase holds, by purchase id: the day's list names them, so the clerk sees that a void would
 * give them back. A voided purchase holds none any more.
 */
export async function couponsOfPurchases(
  engine: Engine,
  purchaseIds: number[],
): Promise<Map<number, CouponOnPurchase[]>> {
  const held = new Map<number, CouponOnPurchase[]>();
  if (purchaseIds.length === 0) return held;
  const rows = await engine.read((tx) =>
    tx
      .select({
        purchaseId: coupons.purchaseId,
        code: coupons.code,
        title: couponTemplates.title,
        titleEn: couponTemplates.titleEn,
      })
      .from(coupons)
      .innerJoin(couponTemplates, eq(couponTemplates.id, coupons.templateId))
      .where(inArray(coupons.purchaseId, purchaseIds))
      .orderBy(asc(coupons.id)),
  );
  for (const { purchaseId, ...coupon } of rows)
    held.set(purchaseId!, [...(held.get(purchaseId!) ?? []), coupon]);
  return held;
}
