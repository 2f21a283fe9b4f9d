import type { Static } from 'typebox';
import type { CounterCoupon, ValidateCouponResult } from '../../../../../bot/schemas/counter-api.ts';
import type { GiveableTemplate, GivenCoupon } from '../../../../../bot/schemas/coupons-api.ts';
import { staffApi } from '../../../lib/staff-api.ts';

/** A member's coupon the counter can take here (the lookup lists them; a typed code's validation answers one). */
export type Coupon = Static<typeof CounterCoupon>;
export type Validation = Static<typeof ValidateCouponResult>;

/** POST /api/staff/coupons/validate: what a code takes off this price, or exactly why it cannot be used. */
export const validateCoupon = (body: { code: string; price: number; lookupToken: string }) =>
  staffApi.post<Validation>('/coupons/validate', body);

/** A template the clerk may give the member here, and the coupon a give made. */
export type Giveable = Static<typeof GiveableTemplate>;
export type Given = Static<typeof GivenCoupon>;

/** GET /api/staff/coupon-templates/giveable: the templates this clerk may give at this store now. */
export const giveableTemplates = () => staffApi.get<Giveable[]>('/coupon-templates/giveable');

/** POST /api/staff/members/:id/coupons: gives the member one coupon; the same key again gives nothing more. */
export const giveCoupon = (memberId: number, body: { templateId: number; idempotencyKey: string }) =>
  staffApi.post<Given>(`/members/${memberId}/coupons`, body);
