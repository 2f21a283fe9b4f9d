import { fieldWith } from '../../../components/field.tsx';
import type { Draft } from './coupon-draft.ts';
import { couponFieldMessages } from './coupon-messages.ts';

/** The coupon form's fields: a template's problem codes in the staff's words. */
export const CouponField = fieldWith(couponFieldMessages, 'coupon');

/** Sets one field of the draft. */
export type SetDraft = <K extends keyof Draft>(key: K, value: Draft[K]) => void;

/** A whole number typed into a field: digits only, so that a stray letter cannot read as "none". */
export const digits = (value: string) => value.replace(/\D/g, '');
