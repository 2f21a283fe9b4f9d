/**
 * What each kind of member notice carries (`member_notices.data`): written by the domain in the transaction of
 * the change it tells of, read by the Flex builders that tell it. Times are ISO strings, as stored in JSON.
 */

/** A purchase at the counter: `points_earned`, or `points_redeemed` when points paid for part of it. */
export interface PurchaseNoticeData {
  purchaseId: number;
  storeName: string | null;
  /** NT$ paid, after the points' discount. */
  paid: number;
  discount: number;
  earned: number;
  redeemed: number;
  balance: number;
  at: string;
  /** Coupons the purchase used, and the NT$ they took off (absent on notices written before coupons). */
  coupons?: { title: string; titleEn: string }[];
  couponDiscount?: number;
}

/** A refund or a void of a purchase: what it took back of the points earned and gave back of those spent. */
export interface ReversalNoticeData {
  purchaseId: number;
  reference: string | null;
  amount: number;
  isVoid: boolean;
  removed: number;
  returned: number;
  balance: number;
  at: string;
}

interface TierStep {
  code: string;
  name: string;
  nameEn: string;
}

/** A tier reached by a purchase, or changed at the yearly review. */
export interface TierNoticeData {
  from: TierStep;
  to: TierStep;
  at: string;
}

/** Points expire after the day before `expiresAt` (Taipei): reminders for one date go out together. */
export interface ExpiringNoticeData {
  expiresAt: string;
}

/** A coupon given without the member asking: on joining, on reaching a tier, in the birthday month. */
export interface CouponGivenNoticeData {
  couponId: number;
  title: string;
  titleEn: string;
  reason: 'join' | 'tier' | 'birthday';
  validUntil: string;
}

/** Coupons about to expire, told together in one reminder per member and expiry day. */
export interface CouponsExpiringNoticeData {
  coupons: { couponId: number; title: string; titleEn: string; validUntil: string }[];
}

/** A notice's kind and its data, one shape per kind. */
export type NoticeContent =
  | { kind: 'points_earned' | 'points_redeemed'; data: PurchaseNoticeData }
  | { kind: 'purchase_reversed'; data: ReversalNoticeData }
  | { kind: 'tier_changed'; data: TierNoticeData }
  | { kind: 'points_expiring'; data: ExpiringNoticeData }
  | { kind: 'coupon_given'; data: CouponGivenNoticeData }
  | { kind: 'coupons_expiring'; data: CouponsExpiringNoticeData };

export type NoticeKind = NoticeContent['kind'];
export type NoticeData = NoticeContent['data'];
