import type { Static } from 'typebox';
import type { CounterCoupon, ValidateCouponResult } from '../../../../../bot/schemas/counter-api.ts';
import { staffApi } from '../../../lib/staff-api.ts';

/** A member's coupon the counter can take here (the lookup lists them; a typed code's validation answers one). */
export type Coupon = Static<typeof CounterCoupon>;
export type Validation = Static<typeof ValidateCouponResult>;

/** POST /api/staff/coupons/validate: what a code takes off this price, or exactly why it cannot be used. */
export const validateCoupon = (body: { code: string; price: number; lookupToken: string }) =>
  staffApi.post<Validation>('/coupons/validate', body);
