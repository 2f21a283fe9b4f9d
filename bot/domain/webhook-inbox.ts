import { and, asc, eq, sql } from 'drizzle-orm';
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
 * The inbox's statements, prepared once per connection: the webhook and the processor run them for every event,
 * and building SQL each time costs more than running it.
 */
const statements = new WeakMap<Db, ReturnType<typeof prepare>>();
const prepared = (db: Db) => statements.get(db) ?? statements.set(db, prepare(db)).get(db)!;

function prepare(db: Db) {
  const p = (name: string) => sql.placeholder(name);
  return {
    insert: db
      .insert(webhookEvents)
      .values({
        webhookEventId: p('webhookEventId'),
        type: p('type'),
        mode: p('mode'),
        lineUserId: p('lineUserId'),
        payload: p('payload'),
        isRedelivery: p('isRedelivery'),
        status: p('status'),
        occurredAt: p('occurredAt'),
        receivedAt: p('receivedAt'),
      })
      .onConflictDoNothing()
      .returning({ id: webhookEvents.webhookEventId })
      .prepare(),
    pending: db
      .select()
      .from(webhookEvents)
      .where(eq(webhookEvents.status, 'pending'))
      .orderBy(asc(webhookEvents.receivedAt), asc(webhookEvents.occurredAt))
      .limit(p('limit'))
      .prepare(),
    mark: db
      .update(webhookEvents)
      .set({
        status: sql`${p('status')}`,
        lastError: sql`${p('lastError')}`,
        attempts: sql`${p('attempts')}`,
        processedAt: sql`${p('processedAt')}`,
      })
      .where(and(eq(webhookEvents.webhookEventId, p('webhookEventId')), eq(webhookEvents.status, 'pending')))
      .prepare(),
  };
}

/**
 * Records webhook deliveries (each a list of events) in one transaction and returns, per delivery, the IDs stored
 * for the first time. A webhookEventId already in the inbox (a redelivery, or the same delivery racing itself) is
 * ignored, so each event takes effect once. Standby events are kept but never answered. Several deliveries share
 * one commit so that concurrent webhooks share one disk sync (see bot/routes/inbox-writer.ts).
 */
export function recordWebhookDeliveries(db: Db, deliveries: InboxEvent[][], receivedAt: Date): string[][] {
  const { insert } = prepared(db);
  return db.transaction(() =>
    deliveries.map((events) =>
      events.flatMap((event) =>
        insert
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
      ),
    ),
  );
}

/** One delivery: the IDs of its events stored for the first time. */
export function recordWebhookEvents(db: Db, events: InboxEvent[], receivedAt: Date): string[] {
  return recordWebhookDeliveries(db, [events], receivedAt)[0]!;
}

/** Events waiting to be processed, oldest first: after a restart this includes those a crash interrupted. */
export function pendingWebhookEvents(db: Db, limit = 100): StoredEvent[] {
  return prepared(db).pending.all({ limit });
}

export function markWebhookEvent(
  db: Db,
  webhookEventId: string,
  outcome: { status: 'done' | 'failed'; error?: string; attempts: number; at: Date },
): void {
  prepared(db).mark.run({
    webhookEventId,
    status: outcome.status,
    lastError: outcome.error ?? null,
    attempts: outcome.attempts,
    processedAt: outcome.at.getTime(),
  });
}
