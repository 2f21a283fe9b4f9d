import type { Static } from 'typebox';
import type {
  PurchaseResult,
  RefundResult,
  TodaysPurchases,
} from '../../../../../bot/schemas/counter-api.ts';
import { staffApi } from '../../../lib/staff-api.ts';
import type { Approval } from './member-lookups.ts';

export type Result = Static<typeof PurchaseResult>;
export type Today = Static<typeof TodaysPurchases>['purchases'];

/** POST /api/staff/purchases: the purchase, paid with the lookup; the same key replays, never records twice. */
export const recordPurchase = (body: {
  lookupToken: string;
  price: number;
  redeemPoints: number;
  couponCodes: string[];
  reference: string;
  idempotencyKey: string;
}) => staffApi.post<Result>('/purchases', body);

/** Today's purchases at this device's store, newest first. */
export const todaysPurchases = () =>
  staffApi.get<Static<typeof TodaysPurchases>>('/purchases').then((answer) => answer.purchases);

export const voidPurchase = (id: number, idempotencyKey: string, approval?: Approval) =>
  staffApi.post<Static<typeof RefundResult>>(`/purchases/${id}/void`, {
    idempotencyKey,
    ...(approval && { approval }),
  });

export const refundPurchase = (id: number, amount: number, idempotencyKey: string, approval?: Approval) =>
  staffApi.post<Static<typeof RefundResult>>(`/purchases/${id}/refund`, {
    amount,
    idempotencyKey,
    ...(approval && { approval }),
  });
