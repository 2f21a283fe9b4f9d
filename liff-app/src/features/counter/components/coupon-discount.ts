import type { Coupon } from '../api/coupons.ts';

/**
 * NT$ a coupon takes off what is left of the price, as the server counts it (bot/domain/coupon-redemption.ts
 * `discountOf`): a fixed amount never past the price, a percentage rounded down up to its most, nothing for a gift.
 */
export function discountOf(coupon: Coupon, left: number): number {
  if (coupon.kind === 'amount_off') return Math.min(coupon.amountOff ?? 0, left);
  if (coupon.kind === 'percent_off') {
    const off = Math.floor((left * (coupon.percentOff ?? 0)) / 100);
    return Math.min(off, coupon.maxDiscount ?? off);
  }
  return 0;
}

/** What the chosen coupons take off a price together, each on what the ones before it left. */
export const couponsDiscount = (coupons: Coupon[], price: number) =>
  coupons.reduce((taken, coupon) => taken + discountOf(coupon, price - taken), 0);
