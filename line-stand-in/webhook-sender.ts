import { createHmac } from 'node:crypto';
import type { Delivery, WebhookEvent } from './types.ts';

export interface WebhookSenderOptions {
  channelSecret: string;
  botUserId: string;
  timeoutMs: number;
  now: () => number;
  url?: string;
  /** Where each delivery is kept for inspection. */
  record: (delivery: Delivery) => void;
}

/** LINE's webhook signature: Base64 HMAC-SHA256 of the raw body bytes, keyed with the channel secret. */
export const signWebhookBody = (body: string, channelSecret: string) =>
  createHmac('sha256', channelSecret).update(body).digest('base64');

/**
 * Posts events to the product as LINE does
 * (https://developers.line.biz/en/reference/messaging-api/#webhooks): one JSON body `{destination, events}`,
 * signed, with LINE's headers; an answer slower than the timeout (2 s at LINE) counts as failed.
 */
export class WebhookSender {
  url: string | null;
  #options: WebhookSenderOptions;

  constructor(options: WebhookSenderOptions) {
    this.#options = options;
    this.url = options.url ?? null;
  }

  async deliver(events: WebhookEvent[]): Promise<Delivery> {
    const { channelSecret, botUserId, timeoutMs, now } = this.#options;
    const at = now();
    const url = this.url;
    const outcome = { status: null as number | null, timedOut: false, error: null as string | null };
    const started = performance.now();
    if (!url) {
      outcome.error = 'no webhook URL is set';
    } else {
      const body = JSON.stringify({ destination: botUserId, events });
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'user-agent': 'LineBotWebhook/2.0',
            'x-line-signature': signWebhookBody(body, channelSecret),
          },
          body,
          signal: AbortSignal.timeout(timeoutMs),
        });
        outcome.status = response.status;
        await response.arrayBuffer();
      } catch (error) {
        const name = (error as Error).name;
        outcome.timedOut = name === 'TimeoutError';
        outcome.error = outcome.timedOut ? `no answer within ${timeoutMs} ms` : describe(error);
      }
    }
    const delivery: Delivery = { url, events, ...outcome, latencyMs: performance.now() - started, at };
    this.#options.record(delivery);
    return delivery;
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
