import { setTimeout as sleep } from 'node:timers/promises';
import type { messagingApi } from '@line/bot-sdk';
import type { LineClients } from './clients.ts';
import { isLineStatus, isTransientLineError } from './errors.ts';

/** LINE's retry guide: retry 5xx and requests that got no answer; a 4xx (429 too: often the monthly quota) will fail again. */
const worthRetrying = (error: unknown) => isTransientLineError(error) && !isLineStatus(error, 429);

export { retryKeyFor } from '../domain/notices.ts';

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

/**
 * A free reply when a kept reply token is in hand, else a push with a retry key. LINE answers a token that has
 * expired or was used with 400 "Invalid reply token": the same messages then go by push, with the retry key, so
 * a retry of the whole (the reply refused again, the push answered 409) never sends them twice. A reply that got
 * no answer is not pushed: LINE may have delivered it.
 * https://developers.line.biz/en/reference/messaging-api/#send-reply-message
 */
export async function replyElsePush(
  line: LineClients,
  to: string,
  replyToken: string | null,
  messages: messagingApi.Message[],
  retryKey: string,
  retries?: PushRetries,
): Promise<'reply' | 'push'> {
  if (replyToken) {
    try {
      await line.messaging.replyMessage({ replyToken, messages });
      return 'reply';
    } catch (error) {
      if (!isLineStatus(error, 400)) throw error;
    }
  }
  await pushWithRetryKey(line, to, messages, retryKey, retries);
  return 'push';
}
