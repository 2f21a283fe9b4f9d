import type { webhook } from '@line/bot-sdk';
import type { Tx } from '../../db/engine.ts';
import {
  claimWebhookEvents,
  markEvent,
  type StoredEvent,
  settleWebhookEvent,
} from '../domain/webhook-inbox.ts';
import type { EventContext } from './context.ts';
import { giveWay } from './drain-loop.ts';
import { describeLineError, isTransientLineError, lineErrorText } from './errors.ts';
import { handleEvent } from './handle-event.ts';
import { type WorkPool, workPool } from './work-pool.ts';

export type EventProcessor = Pick<WorkPool, 'wake' | 'idle' | 'stop'>;

export interface ProcessorOptions {
  /** Waits before the retries of an event that failed for a passing reason; then it is marked failed. */
  retryDelaysMs?: number[];
  /** Shoppers whose events are processed at once; one shopper's events always go one after another. */
  concurrency?: number;
  /** How long an instance holds the events it claimed; another takes them over after that if it died. */
  leaseMs?: number;
  /** How often the inbox is looked at without a signal: for retries that have come due and lapsed leases. */
  pollMs?: number;
}

/**
 * Processes the inbox on every instance at once, each claiming events with a lease (ADR 3, ADR 15): a shopper's
 * events in the order LINE delivered them, so that a follow is handled before the message that came after it, and
 * up to `concurrency` shoppers side by side, so that one slow LINE call holds up nobody else. A failing event is
 * marked failed and does not hold up the others; one that failed for a passing reason (LINE 5xx or 429, network,
 * a timeout) is tried again after the given delays first. Woken by any instance's webhook (the engine's
 * `webhook_events` topic). Answering comes first: before each event the processor gives way to requests waiting
 * for their commit (drain-loop.ts).
 */
export function createEventProcessor(
  ctx: EventContext,
  {
    retryDelaysMs = [1_000, 5_000],
    concurrency = 8,
    leaseMs = 120_000,
    pollMs = 5_000,
  }: ProcessorOptions = {},
): EventProcessor {
  async function processOne(event: StoredEvent): Promise<void> {
    const log = ctx.log.child({ webhookEventId: event.webhookEventId, eventType: event.type });
    await giveWay(ctx.engine);
    try {
      // Set in the handler's write that carries the mark; the handler returns only once that write committed.
      let marked = false;
      const done = async (tx: Tx) => {
        await markEvent(tx, event, ctx.worker, { status: 'done', at: ctx.clock.now() });
        marked = true;
      };
      await handleEvent(event.payload as webhook.Event, { ...ctx, log }, done);
      if (!marked) {
        await settleWebhookEvent(ctx.engine, event, ctx.worker, { status: 'done', at: ctx.clock.now() });
      }
    } catch (error) {
      const attempt = event.attempts + 1;
      log.error({ ...describeLineError(error), attempt }, 'webhook event failed');
      const message = lineErrorText(error);
      const delay = isTransientLineError(error) ? retryDelaysMs[attempt - 1] : undefined;
      if (delay === undefined) {
        await settleWebhookEvent(ctx.engine, event, ctx.worker, {
          status: 'failed',
          error: message,
          at: ctx.clock.now(),
        });
        return;
      }
      const retryAt = new Date(ctx.clock.now().getTime() + delay);
      await settleWebhookEvent(ctx.engine, event, ctx.worker, { status: 'retry', error: message, retryAt });
      pool.wakeAfter(delay);
    }
  }

  const pool = workPool({
    claim: (room) =>
      claimWebhookEvents(ctx.engine, { worker: ctx.worker, limit: room, now: ctx.clock.now(), leaseMs }),
    work: processOne,
    concurrency,
    pollMs,
    onError: (error) => ctx.log.error({ err: error }, 'webhook inbox processing failed'),
  });
  const stopListening = ctx.engine.listen('webhook_events', pool.wake);
  return {
    wake: pool.wake,
    idle: pool.idle,
    async stop() {
      stopListening();
      await pool.stop();
    },
  };
}
