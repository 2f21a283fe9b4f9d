import { setTimeout as sleep } from 'node:timers/promises';
import type { webhook } from '@line/bot-sdk';
import { markWebhookEvent, pendingWebhookEvents, type StoredEvent } from '../domain/webhook-inbox.ts';
import type { EventContext } from './context.ts';
import { drainLoop, giveWay } from './drain-loop.ts';
import { describeLineError, isTransientLineError } from './errors.ts';
import { handleEvent } from './handle-event.ts';

export interface EventProcessor {
  /** Something was recorded: process what is pending. Returns at once; processing starts on the next turn. */
  wake(): void;
  /** Resolves when nothing is being processed: tests await it after a webhook. */
  idle(): Promise<void>;
  /** Processes what is already recorded and stops; what LINE's outage kept pending waits for the next start. */
  stop(): Promise<void>;
}

/**
 * Processes the inbox one event at a time, in the order LINE delivered them, so that a follow is handled
 * before the message that came after it. A failing event is marked failed and does not hold up the others;
 * one that failed for a passing reason (LINE 5xx or 429, network) is retried after the given delays first.
 *
 * Answering comes first: LINE waits at most 2 seconds for a webhook's answer, a clerk waits at the counter, while
 * processing can wait. While requests are waiting for their writes to be committed, the processor waits for that
 * to be done (or, under a steady stream, for MAX_DEFERRAL_MS).
 */
export function createEventProcessor(
  ctx: EventContext,
  { retryDelaysMs = [1_000, 5_000] }: { retryDelaysMs?: number[] } = {},
): EventProcessor {
  /** Returns false when the event stays pending: a passing failure while the server shuts down. */
  async function processOne(row: StoredEvent): Promise<boolean> {
    const log = ctx.log.child({ webhookEventId: row.webhookEventId, eventType: row.type });
    for (let attempt = row.attempts + 1, retry = 0; ; attempt++, retry++) {
      try {
        await handleEvent(row.payload as webhook.Event, { ...ctx, log });
        await markWebhookEvent(ctx.engine, row.webhookEventId, {
          status: 'done',
          attempts: attempt,
          at: ctx.clock.now(),
        });
        return true;
      } catch (error) {
        const transient = isTransientLineError(error);
        log.error({ ...describeLineError(error), attempt }, 'webhook event failed');
        if (transient && loop.stopping()) return false;
        const delay = transient ? retryDelaysMs[retry] : undefined;
        if (delay === undefined) {
          const message = error instanceof Error ? error.message : String(error);
          await markWebhookEvent(ctx.engine, row.webhookEventId, {
            status: 'failed',
            error: message,
            attempts: attempt,
            at: ctx.clock.now(),
          });
          return true;
        }
        await sleep(delay);
      }
    }
  }

  async function drain(): Promise<void> {
    for (
      let batch = await pendingWebhookEvents(ctx.engine);
      batch.length > 0;
      batch = await pendingWebhookEvents(ctx.engine)
    ) {
      for (const row of batch) {
        await giveWay(ctx.engine);
        if (!(await processOne(row))) return;
      }
    }
  }

  const loop = drainLoop(drain, (error: unknown) =>
    ctx.log.error({ err: error }, 'webhook inbox processing stopped'),
  );
  return loop;
}
