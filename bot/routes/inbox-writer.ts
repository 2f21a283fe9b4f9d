import type { Db } from '../../db/client.ts';
import type { Clock } from '../domain/clock.ts';
import { type InboxEvent, recordWebhookDeliveries } from '../domain/webhook-inbox.ts';

interface Waiting {
  events: InboxEvent[];
  resolve: (ids: string[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the webhook inbox. Each commit waits for a disk sync (synchronous=FULL, so an acknowledged
 * event survives a power cut); webhooks that arrive during the same turn of the event loop are stored in one
 * transaction and share that sync. Each request still gets its answer only after its events are on disk.
 */
export function createInboxWriter(db: Db, clock: Clock) {
  let waiting: Waiting[] = [];

  function commit(): void {
    const batch = waiting;
    waiting = [];
    try {
      const stored = recordWebhookDeliveries(
        db,
        batch.map((w) => w.events),
        clock.now(),
      );
      for (const [i, w] of batch.entries()) w.resolve(stored[i]!);
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }

  return {
    record(events: InboxEvent[]): Promise<string[]> {
      return new Promise((resolve, reject) => {
        if (waiting.length === 0) setImmediate(commit);
        waiting.push({ events, resolve, reject });
      });
    },
  };
}
