import { HTTPFetchError } from '@line/bot-sdk';
import { LineTimeoutError } from './clients.ts';

/**
 * What to log about a failed LINE call: the status and LINE's `x-line-request-id`, which LINE's support asks
 * for, and LINE's own message. Never the request, which carries the access token and shoppers' data.
 */
export function describeLineError(error: unknown): Record<string, unknown> {
  if (error instanceof HTTPFetchError) {
    return {
      status: error.status,
      lineRequestId: error.headers.get('x-line-request-id'),
      lineMessage: lineMessageOf(error.body),
    };
  }
  return { error: error instanceof Error ? error.message : String(error) };
}

/** What to record of a failed LINE call: its status and LINE's own message ("429 You have reached…"). */
export function lineErrorText(error: unknown): string {
  if (error instanceof HTTPFetchError)
    return `${error.status} ${lineMessageOf(error.body) ?? error.statusText}`;
  return error instanceof Error ? error.message : String(error);
}

function lineMessageOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { message?: string }).message;
  } catch {
    return undefined;
  }
}

/**
 * LINE answers 5xx and 429 (its rate limit) for conditions that pass, and a call may time out; everything else in
 * 4xx will fail the same way again, and so will a 429 for a used-up monthly quota.
 */
export function isTransientLineError(error: unknown): boolean {
  if (error instanceof HTTPFetchError) {
    return error.status >= 500 || (error.status === 429 && !isMonthlyQuotaError(error));
  }
  // fetch's network failure (connection refused, reset, DNS), or no answer in time.
  return error instanceof TypeError || error instanceof LineTimeoutError;
}

export function isLineStatus(error: unknown, status: number): boolean {
  return error instanceof HTTPFetchError && error.status === status;
}

/**
 * LINE's 429 for a used-up monthly message quota, as opposed to its rate limit: waiting does not help until the
 * month ends or the plan changes, so such a push is recorded as over the quota rather than retried.
 */
export function isMonthlyQuotaError(error: unknown): boolean {
  return (
    isLineStatus(error, 429) &&
    lineMessageOf((error as HTTPFetchError).body) === 'You have reached your monthly limit.'
  );
}
