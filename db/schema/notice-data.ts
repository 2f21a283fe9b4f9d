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

/** A notice's kind and its data, one shape per kind. */
export type NoticeContent =
  | { kind: 'points_earned' | 'points_redeemed'; data: PurchaseNoticeData }
  | { kind: 'purchase_reversed'; data: ReversalNoticeData }
  | { kind: 'tier_changed'; data: TierNoticeData }
  | { kind: 'points_expiring'; data: ExpiringNoticeData };

export type NoticeKind = NoticeContent['kind'];
export type NoticeData = NoticeContent['data'];
