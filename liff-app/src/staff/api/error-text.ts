import { formatTime } from '../i18n.ts';
import type { errorMessages } from '../messages.ts';
import { StaffApiError, StaffOfflineError } from './staff-api.ts';

type ErrorMessages = ReturnType<typeof errorMessages.get>;

/** What to tell the staff member about a failed request, in their language. */
export function errorText(t: ErrorMessages, error: unknown): string {
  if (error instanceof StaffOfflineError) return t.offline;
  if (!(error instanceof StaffApiError)) return t.failed;
  const { code, lockedUntil, retryAfterSeconds } = error.body;
  if (code === 'ACCOUNT_LOCKED')
    return t.ACCOUNT_LOCKED({ time: formatTime(lockedUntil ?? new Date().toISOString()) });
  if (code === 'TOO_MANY_ATTEMPTS')
    return t.TOO_MANY_ATTEMPTS({ minutes: Math.ceil((retryAfterSeconds ?? 60) / 60) });
  const text = t[code as keyof ErrorMessages];
  return typeof text === 'string' ? text : t.failed;
}

/** The field problems of a 400 INVALID_FIELDS, or null. */
export const fieldProblemsOf = (error: unknown): Record<string, string> | null =>
  error instanceof StaffApiError && error.body.code === 'INVALID_FIELDS' ? (error.body.fields ?? {}) : null;
