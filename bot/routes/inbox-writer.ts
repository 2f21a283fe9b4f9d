import type { Db } from '../../db/client.ts';
import type { Clock } from '../domain/clock.ts';
import { type InboxEvent, recordWebhookDeliveries } from '../domain/webhook-inbox.ts';

/** Stores webhook events and resolves, per call, with the IDs stored for the first time. */
export interface InboxWriter {
  record(events: InboxEvent[]): Promise<string[]>;
  /** True while webhooks wait for their events to be stored. */
  busy(): boolean;
  /** Resolves when no webhook waits for its events to be stored. */
  quiet(): Promise<void>;
  /** Finishes what was handed in and lets go of the database. */
  close(): Promise<void>;
}

interface Waiting {
  events: InboxEvent[];
  resolve: (ids: string[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the webhook inbox. Each commit waits for a disk sync (synchronous=FULL, so an acknowledged
 * event survives a power cut); webhooks that arrive during the same turn of the event loop are stored in one
 * transaction and share that sync. Each request still gets its answer only after its events are on disk.
 * (A writer thread, so that the sync would not block the event loop, was measured slower: ADR 0003.)
 */
export function createInboxWriter(db: Db, clock: Clock): InboxWriter {
  let waiting: Waiting[] = [];
  let committed = Promise.resolve();
  const quiet = quietSignal();

  function commit(): void {
    const batch = waiting;
    waiting = [];
    settle(batch, () => recordWebhookDeliveries(db, deliveriesOf(batch), clock.now()));
    quiet.notify();
  }

  return {
    record(events) {
      return new Promise((resolve, reject) => {
        if (waiting.length === 0) {
          committed = new Promise((done) =>
            setImmediate(() => {
              commit();
              done();
            }),
          );
        }
        waiting.push({ events, resolve, reject });
      });
    },
    busy: () => waiting.length > 0,
    quiet: () => quiet.wait(waiting.length > 0),
    close: () => committed,
  };
}

const deliveriesOf = (batch: Waiting[]) => batch.map((w) => w.events);

function settle(batch: Waiting[], commit: () => string[][]): void {
  try {
    const stored = commit();
    for (const [i, w] of batch.entries()) w.resolve(stored[i]!);
  } catch (error) {
    for (const w of batch) w.reject(error);
  }
}

/** Wakes those waiting for the writer to have nothing to do. */
function quietSignal() {
  let wake: (() => void) | null = null;
  let waited: Promise<void> | null = null;
  return {
    wait(busy: boolean): Promise<void> {
      if (!busy) return Promise.resolve();
      waited ??= new Promise((resolve) => (wake = resolve));
      return waited;
    },
    notify(): void {
      wake?.();
      wake = null;
      waited = null;
    },
  };
}
