import { and, asc, eq, sql } from 'drizzle-orm';
import type { Engine } from '../../db/engine.ts';
import { placeholders, prepared, settable } from '../../db/prepared.ts';
import { webhookEvents } from '../../db/schema.ts';

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

const pendingEvents = prepared('pending_webhook_events', (tx) =>
  tx
    .select()
    .from(webhookEvents)
    .where(eq(webhookEvents.status, 'pending'))
    .orderBy(asc(webhookEvents.receivedAt), asc(webhookEvents.occurredAt))
    .limit(sql.placeholder('limit')),
);

const markEvent = prepared('mark_webhook_event', (tx) =>
  tx
    .update(webhookEvents)
    .set({
      status: settable<StoredEvent['status']>('status'),
      lastError: settable<string | null>('lastError'),
      attempts: settable<number>('attempts'),
      processedAt: settable<Date>('processedAt'),
    })
    .where(
      and(
        eq(webhookEvents.webhookEventId, sql.placeholder('webhookEventId')),
        eq(webhookEvents.status, 'pending'),
      ),
    ),
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
  return engine.write(async (tx) => {
    const recorded: string[] = [];
    for (const event of events) {
      const rows = await insertEvent(tx).execute({
        webhookEventId: event.webhookEventId,
        type: event.type,
        mode: event.mode,
        lineUserId: event.source?.userId ?? null,
        payload: event,
        isRedelivery: event.deliveryContext?.isRedelivery ?? false,
        status: event.mode === 'standby' ? 'skipped' : 'pending',
        occurredAt: new Date(event.timestamp),
        receivedAt,
      });
      recorded.push(...rows.map((row) => row.id));
    }
    return recorded;
  });
}

/** Events waiting to be processed, oldest first: after a restart this includes those a crash interrupted. */
export function pendingWebhookEvents(engine: Engine, limit = 100): Promise<StoredEvent[]> {
  return engine.read((tx) => pendingEvents(tx).execute({ limit }));
}

/**
 * Marks an event processed. Relaxed (ADR 0003): the event's effects are committed before this mark, so a power cut
 * that loses them loses the mark too, and the event is processed again.
 */
export async function markWebhookEvent(
  engine: Engine,
  webhookEventId: string,
  outcome: { status: 'done' | 'failed'; error?: string; attempts: number; at: Date },
): Promise<void> {
  await engine.write(
    async (tx) => {
      await markEvent(tx).execute({
        webhookEventId,
        status: outcome.status,
        lastError: outcome.error ?? null,
        attempts: outcome.attempts,
        processedAt: outcome.at,
      });
    },
    { durability: 'relaxed' },
  );
}
