import type { PurchaseOfTheDay } from '../../domain/counter.ts';
import type { CouponOnPurchase } from '../../domain/counter-coupons.ts';
import type { Purchase } from '../../domain/purchases.ts';

/** How the counter page shows a purchase: the price before coupons and points, what was paid, times as ISO strings. */
export function purchaseView(purchase: Purchase) {
  return {
    id: purchase.id,
    reference: purchase.reference,
    price: purchase.amount + purchase.discount + purchase.couponDiscount,
    paid: purchase.amount,
    discount: purchase.discount,
    couponDiscount: purchase.couponDiscount,
    pointsEarned: purchase.pointsEarned,
    pointsRedeemed: purchase.pointsRedeemed,
    refundedAmount: purchase.refundedAmount,
    status: purchase.status,
    occurredAt: purchase.occurredAt.toISOString(),
  };
}

/** The day's list, each purchase with its refunds and voids, and the coupons it holds. */
export const dayListView = (day: PurchaseOfTheDay[], coupons: Map<number, CouponOnPurchase[]>) =>
  day.map(({ purchase, refunds, ...who }) => ({
    ...purchaseView(purchase),
    ...who,
    coupons: coupons.get(purchase.id) ?? [],
    refunds: refunds.map(({ refund, staffName }) => ({
      amount: refund.amount,
      isVoid: refund.isVoid,
      occurredAt: refund.occurredAt.toISOString(),
      staffName,
    })),
  }));
