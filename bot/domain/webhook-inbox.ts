import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
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

const insertEvent = prepared((db) =>
  db
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
    .returning({ id: webhookEvents.webhookEventId })
    .prepare(),
);

const pendingEvents = prepared((db) =>
  db
    .select()
    .from(webhookEvents)
    .where(eq(webhookEvents.status, 'pending'))
    .orderBy(asc(webhookEvents.receivedAt), asc(webhookEvents.occurredAt))
    .limit(sql.placeholder('limit'))
    .prepare(),
);

const markEvent = prepared((db) =>
  db
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
    )
    .prepare(),
);

/**
 * Records one webhook delivery's events and returns the IDs stored for the first time. A webhookEventId already
 * in the inbox (a redelivery, or the same delivery racing itself) is ignored, so each event takes effect once.
 * Standby events are kept but never answered. The webhook runs it in a group commit (db/group-commit.ts), so
 * that concurrent webhooks share one disk sync.
 */
export function recordWebhookEvents(db: Db, events: InboxEvent[], receivedAt: Date): string[] {
  return events.flatMap((event) =>
    insertEvent(db)
      .all({
        webhookEventId: event.webhookEventId,
        type: event.type,
        mode: event.mode,
        lineUserId: event.source?.userId ?? null,
        payload: event,
        isRedelivery: event.deliveryContext?.isRedelivery ?? false,
        status: event.mode === 'standby' ? 'skipped' : 'pending',
        occurredAt: new Date(event.timestamp),
        receivedAt,
      })
      .map((row) => row.id),
  );
}

/** Events waiting to be processed, oldest first: after a restart this includes those a crash interrupted. */
export function pendingWebhookEvents(db: Db, limit = 100): StoredEvent[] {
  return pendingEvents(db).all({ limit });
}

export function markWebhookEvent(
  db: Db,
  webhookEventId: string,
  outcome: { status: 'done' | 'failed'; error?: string; attempts: number; at: Date },
): void {
  markEvent(db).run({
    webhookEventId,
    status: outcome.status,
    lastError: outcome.error ?? null,
    attempts: outcome.attempts,
    processedAt: outcome.at,
  });
}
