import { and, asc, eq, inArray, notExists, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { alias, placeholders, prepared, skippingLocked } from '../../db/prepared.ts';
import { webhookEvents } from '../../db/schema.ts';
import { type Claim, claimable, leaseFor } from './leases.ts';

/** The part of a LINE webhook event the inbox needs; the whole event is kept as its payload. */
export interface InboxEvent {
  webhookEventId: string;
  type: string;
  mode: string;
  timestamp: number;
  source?: { userId?: string };
  deliveryContext?: { isRedelivery?: boolean };
}

export type StoredEvent = typeof webhookEvents.$inferSelect;

const insertEvent = prepared('insert_webhook_event', (tx) =>
  tx
    .insert(webhookEvents)
    .values(
      placeholders(
        'webhookEventId',
        'type',
        'mode',
        'lineUserId',
        'payload',
        'isRedelivery',
        'status',
        'occurredAt',
        'receivedAt',
      ),
    )
    .onConflictDoNothing()
    .returning({ id: webhookEvents.webhookEventId }),
);

/**
 * Records one webhook delivery's events and returns the IDs stored for the first time. A webhookEventId already
 * in the inbox (a redelivery, the same delivery racing itself, or on another instance) is ignored, so each event
 * takes effect once. Standby events are kept but never answered. Fully durable: LINE is answered 200 once it
 * is written, and does not deliver it again.
 */
export function recordWebhookEvents(
  engine: Engine,
  events: InboxEvent[],
  receivedAt: Date,
): Promise<string[]> {
  // Stamped before the write, in the order of receipt: a retried write keeps its stamps.
  const stamps = events.map(() => receiptStamp(receivedAt));
  return engine.write(async (tx) => {
    const recorded: string[] = [];
    for (const [i, event] of events.entries()) {
      const rows = await insertEvent(tx).execute({
        webhookEventId: event.webhookEventId,
        type: event.type,
        mode: event.mode,
        lineUserId: event.source?.userId ?? null,
        payload: event,
        isRedelivery: event.deliveryContext?.isRedelivery ?? false,
        status: event.mode === 'standby' ? 'skipped' : 'pending',
        occurredAt: new Date(event.timestamp),
        receivedAt: stamps[i]!,
      });
      recorded.push(...rows.map((row) => row.id));
    }
    return recorded;
  });
}

let lastStamp = 0;

/**
 * When an event was received, as the order of a shopper's events rests on it: strictly increasing within this
 * instance (a millisecond later than the one before when two come in the same millisecond, or in one delivery),
 * so that events LINE sent one after another are processed one after another.
 */
function receiptStamp(at: Date): Date {
  lastStamp = Math.max(at.getTime(), lastStamp + 1);
  return new Date(lastStamp);
}

/**
 * Claims events to process, oldest first, for `claim.leaseMs`: pending ones nobody holds (or whose holder's lease
 * ran out: a dead instance's), whose retry is due, and whose shopper has no earlier event still pending, so that
 * one shopper's events are processed one after another, in order, on whichever instance. Other instances pass over
 * the rows being claimed (SKIP LOCKED). Relaxed (ADR 3): a claim lost in a power cut is claimed again.
 */
export function claimWebhookEvents(engine: Engine, claim: Claim): Promise<StoredEvent[]> {
  if (claim.limit <= 0) return Promise.resolve([]);
  return engine.write(
    async (tx) => {
      const earlier = alias(webhookEvents, 'earlier');
      const candidates = await skippingLocked(
        tx
          .select({ id: webhookEvents.webhookEventId })
          .from(webhookEvents)
          .where(
            and(
              eq(webhookEvents.status, 'pending'),
              claimable(webhookEvents, claim.now),
              notExists(
                tx
                  .select({ one: sql`1` })
                  .from(earlier)
                  .where(
                    and(
                      eq(earlier.lineUserId, webhookEvents.lineUserId),
                      eq(earlier.status, 'pending'),
                      sql`(${earlier.receivedAt}, ${earlier.occurredAt}, ${earlier.webhookEventId}) < (${webhookEvents.receivedAt}, ${webhookEvents.occurredAt}, ${webhookEvents.webhookEventId})`,
                    ),
                  ),
              ),
            ),
          )
          // The status index's order: the scan stops at the limit instead of sorting every pending event. A
          // shopper's own order is kept by the condition above, whichever shoppers come first.
          .orderBy(asc(webhookEvents.receivedAt))
          .limit(claim.limit),
      );
      if (candidates.length === 0) return [];
      const claimed = await tx
        .update(webhookEvents)
        .set(leaseFor(claim))
        .where(
          inArray(
            webhookEvents.webhookEventId,
            candidates.map((event) => event.id),
          ),
        )
        .returning();
      return claimed.sort(
        (a, b) =>
          a.receivedAt.getTime() - b.receivedAt.getTime() || a.occurredAt.getTime() - b.occurredAt.getTime(),
      );
    },
    { durability: 'relaxed' },
  );
}

/** How processing a claimed event ended: `done` or `failed` for good, or `retry` at `retryAt` after a passing failure. */
export type EventOutcome =
  | { status: 'done' | 'failed'; error?: string; at: Date }
  | { status: 'retry'; error: string; retryAt: Date };

/**
 * How processing a claimed event ended: `done` or `failed` for good, or `retry` at `retryAt` after a passing
 * failure (LINE 5xx, 429, a timeout), which lets the claim go. Only the worker that holds the claim records it:
 * an instance whose lease ran out changes nothing. Relaxed (ADR 3): the event's effects are committed before this
 * mark, so a power cut that loses them loses the mark too, and the event is processed again.
 */
export async function settleWebhookEvent(
  engine: Engine,
  event: StoredEvent,
  worker: string,
  outcome: EventOutcome,
): Promise<void> {
  await engine.write((tx) => markEvent(tx, event, worker, outcome), { durability: 'relaxed' });
}

/**
 * settleWebhookEvent inside a write of the handler's: a handler that marks its event done in the transaction of
 * its last effects saves the mark's own commit, and the mark and the effects commit or are lost together (ADR 33).
 */
export async function markEvent(
  tx: Tx,
  event: StoredEvent,
  worker: string,
  outcome: EventOutcome,
): Promise<void> {
  const attempts = event.attempts + 1;
  await tx
    .update(webhookEvents)
    .set(
      outcome.status === 'retry'
        ? {
            attempts,
            lastError: outcome.error,
            retryAt: outcome.retryAt,
            claimedBy: null,
            claimedUntil: null,
          }
        : {
            status: outcome.status,
            attempts,
            lastError: outcome.error ?? null,
            processedAt: outcome.at,
            claimedBy: null,
            claimedUntil: null,
          },
    )
    .where(
      and(
        eq(webhookEvents.webhookEventId, event.webhookEventId),
        eq(webhookEvents.status, 'pending'),
        eq(webhookEvents.claimedBy, worker),
      ),
    );
}
