import type { ApiError } from '../../../bot/schemas/liff-api.ts';
import { formatDateTime } from './format.ts';
import { refusalOf } from './refusals.ts';

/** A form field as trimmed-free text ('' when absent). */
export const formText = (data: FormData) => (name: string) => String(data.get(name) ?? '');

/** Until when a lock answer (PHONE_LOCKED, CLAIM_LOCKED) holds, as the shopper reads it in Taipei time. */
export function lockedUntilOf(error: unknown, now: number): string {
  const until = refusalOf<ApiError>(error)?.lockedUntil;
  return formatDateTime(until ?? now);
}
