import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
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

/**
 * Records delivered events in one transaction and returns the IDs stored for the first time.
 * A webhookEventId already in the inbox (a redelivery, or the same delivery racing itself) is ignored,
 * so each event takes effect once. Standby events are kept but never answered.
 */
export function recordWebhookEvents(db: Db, events: InboxEvent[], receivedAt: Date): string[] {
  if (events.length === 0) return [];
  return db.transaction((tx) =>
    events.flatMap((event) => {
      const inserted = tx
        .insert(webhookEvents)
        .values({
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
        .onConflictDoNothing()
        .returning({ id: webhookEvents.webhookEventId })
        .all();
      return inserted.map((row) => row.id);
    }),
  );
}

/** Events waiting to be processed, oldest first: after a restart this includes those a crash interrupted. */
export function pendingWebhookEvents(db: Db, limit = 100): StoredEvent[] {
  return db
    .select()
    .from(webhookEvents)
    .where(eq(webhookEvents.status, 'pending'))
    .orderBy(asc(webhookEvents.receivedAt), asc(webhookEvents.occurredAt))
    .limit(limit)
    .all();
}

export function markWebhookEvent(
  db: Db,
  webhookEventId: string,
  outcome: { status: 'done' | 'failed'; error?: string; attempts: number; at: Date },
): void {
  db.update(webhookEvents)
    .set({
      status: outcome.status,
      lastError: outcome.error ?? null,
      attempts: outcome.attempts,
      processedAt: outcome.at,
    })
    .where(and(eq(webhookEvents.webhookEventId, webhookEventId), eq(webhookEvents.status, 'pending')))
    .run();
}

export function webhookEventsByStatus(
  db: Db,
  ids: string[],
): Pick<StoredEvent, 'webhookEventId' | 'status'>[] {
  return db
    .select({ webhookEventId: webhookEvents.webhookEventId, status: webhookEvents.status })
    .from(webhookEvents)
    .where(inArray(webhookEvents.webhookEventId, ids))
    .all();
}
