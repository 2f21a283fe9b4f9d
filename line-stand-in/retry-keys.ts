import { LINE_MESSAGES, LineApiError } from './line-errors.ts';
import type { RetryKeyRecord, StandInState } from './state.ts';
import type { SentMessageRecord } from './types.ts';

/**
 * `X-Line-Retry-Key`: https://developers.line.biz/en/docs/messaging-api/retrying-api-request/
 * Accepted on push, multicast, narrowcast and broadcast only; a UUID; remembered 24 hours after LINE
 * accepted the request. A repeat answers 409 and sends nothing again.
 */
export const RETRY_KEY_OPERATIONS = new Set(['pushMessage', 'multicast', 'narrowcast', 'broadcast']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type RetryKeyCheck =
  | { kind: 'none' }
  | { kind: 'fresh'; key: string }
  | { kind: 'malformed'; error: LineApiError };

/** Whether the header may be used here at all: a misuse is a malformed request (a violation). */
export function checkRetryKeyHeader(operationId: string, header: unknown): RetryKeyCheck {
  if (header === undefined) return { kind: 'none' };
  const key = String(header);
  if (!RETRY_KEY_OPERATIONS.has(operationId)) {
    const error = new LineApiError(400, 'The retry key is not supported for this API', {
      details: [{ message: 'not supported', property: 'X-Line-Retry-Key' }],
    });
    return { kind: 'malformed', error };
  }
  if (!UUID.test(key)) {
    const error = new LineApiError(400, 'The retry key must be a UUID', {
      details: [{ message: 'Invalid format', property: 'X-Line-Retry-Key' }],
    });
    return { kind: 'malformed', error };
  }
  return { kind: 'fresh', key };
}

/** The 409 for a key LINE already accepted within its lifetime, or nothing when the key is new or expired. */
export function repeatedRetryKey(
  state: StandInState,
  key: string,
  now: number,
  ttlMs: number,
): LineApiError | undefined {
  const accepted = state.retryKeys[key];
  if (!accepted || now - accepted.acceptedAt >= ttlMs) return undefined;
  const body = accepted.sentMessages ? { sentMessages: accepted.sentMessages } : {};
  return new LineApiError(409, LINE_MESSAGES.retryKeyAccepted, body, {
    'x-line-accepted-request-id': accepted.requestId,
  });
}

export function rememberRetryKey(
  state: StandInState,
  key: string | null,
  record: Omit<RetryKeyRecord, 'sentMessages'> & { sentMessages?: SentMessageRecord[] },
): void {
  if (key) state.retryKeys[key] = record;
}
