import { ApiRequestError } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';

/** A form field as trimmed-free text ('' when absent). */
export const formText = (data: FormData) => (name: string) => String(data.get(name) ?? '');

/** The server's INVALID_FIELDS answer, field by field, or null for any other failure. */
export function fieldProblems(error: unknown): Record<string, string> | null {
  return error instanceof ApiRequestError && error.body.code === 'INVALID_FIELDS' && error.body.fields
    ? error.body.fields
    : null;
}

/** Until when a lock answer (PHONE_LOCKED, CLAIM_LOCKED) holds, as the shopper reads it in Taipei time. */
export function lockedUntilOf(error: unknown, now: number): string {
  const until = error instanceof ApiRequestError ? error.body.lockedUntil : undefined;
  return formatDateTime(until ?? now);
}
