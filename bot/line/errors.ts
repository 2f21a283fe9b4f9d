import { HTTPFetchError } from '@line/bot-sdk';

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

function lineMessageOf(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { message?: string }).message;
  } catch {
    return undefined;
  }
}

/** LINE answers 5xx and 429 for conditions that pass; everything else in 4xx will fail the same way again. */
export function isTransientLineError(error: unknown): boolean {
  if (error instanceof HTTPFetchError) return error.status >= 500 || error.status === 429;
  return error instanceof TypeError; // fetch's network failure: connection refused, reset, DNS
}

export function isLineStatus(error: unknown, status: number): boolean {
  return error instanceof HTTPFetchError && error.status === status;
}
