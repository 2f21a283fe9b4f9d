import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { messagingApi } from '@line/bot-sdk';
import type { LineClients } from './clients.ts';
import { isLineStatus, isTransientLineError } from './errors.ts';

/** LINE's retry guide: retry 5xx and requests that got no answer; a 4xx (429 too: often the monthly quota) will fail again. */
const worthRetrying = (error: unknown) => isTransientLineError(error) && !isLineStatus(error, 429);

/**
 * A retry key derived from what the push is for (`welcome:<member>:<bound at>`), shaped as the UUID v4 LINE
 * asks for. The same purpose gives the same key, so a push retried after a timeout or a restart is not sent
 * twice (within LINE's 24 hours).
 */
export function retryKeyFor(purpose: string): string {
  const hex = createHash('sha256').update(purpose).digest('hex');
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface PushRetries {
  /** Waits before each retry; one retry per entry. */
  retryDelaysMs?: number[];
  /** How to wait; tests use it to end a fault between attempts. */
  wait?: (ms: number) => Promise<unknown>;
}

/**
 * A push costs the brand money, so it is sent at most once: with `X-Line-Retry-Key`, retried with the same key
 * after a 5xx or a network failure, and a 409 (LINE already accepted this key) counts as sent. Other 4xx
 * are not retried. https://developers.line.biz/en/docs/messaging-api/retrying-api-request/
 */
export async function pushWithRetryKey(
  line: LineClients,
  to: string,
  messages: messagingApi.Message[],
  retryKey: string,
  { retryDelaysMs = [500, 2_000], wait = sleep }: PushRetries = {},
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await line.messaging.pushMessage({ to, messages }, retryKey);
      return;
    } catch (error) {
      if (isLineStatus(error, 409)) return;
      const delay = retryDelaysMs[attempt];
      if (!worthRetrying(error) || delay === undefined) throw error;
      await wait(delay);
    }
  }
}
