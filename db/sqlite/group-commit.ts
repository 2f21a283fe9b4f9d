import type { WriteOptions } from '../engine.ts';
import type { Connection } from './connection.ts';

/**
 * Writes that share commits: each runs in its own savepoint inside the next shared transaction, and its promise
 * settles once that transaction is on disk.
 */
export interface GroupCommit {
  run<T>(work: (tx: Connection) => Promise<T>, options?: WriteOptions): Promise<T>;
  /** True while writes wait for their commit. */
  busy(): boolean;
  /** Resolves when no write waits for its commit. */
  quiet(): Promise<void>;
  /** Resolves when what was handed in is committed. */
  close(): Promise<void>;
}

interface Waiting {
  work: (tx: Connection) => Promise<unknown>;
  relaxed: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit on the one writer connection. Every commit waits for a disk sync (synchronous=FULL: what is
 * acknowledged survives a power cut), which costs more than the writes of a webhook or a purchase. Writes handed
 * in while a batch runs wait for the next one; each runs in a savepoint, one after the other, and answers only
 * once its batch is on disk. A write that throws rolls back to its savepoint and leaves the others alone. No
 * statement of anything else enters an open batch: the connection is the group commit's alone (reads have their
 * own, db/sqlite/engine.ts). A batch of relaxed writes only (ADR 0003) commits without waiting for the sync.
 */
export function createGroupCommit(writer: Connection): GroupCommit {
  const sqlite = writer.$client;
  let waiting: Waiting[] = [];
  let running: Promise<void> | null = null;
  let synchronous = 'FULL';
  const quiet = quietSignal();

  async function commit(batch: Waiting[]): Promise<void> {
    const wanted = batch.every((write) => write.relaxed) ? 'NORMAL' : 'FULL';
    if (wanted !== synchronous) {
      synchronous = wanted;
      sqlite.pragma(`synchronous = ${wanted}`);
    }
    let outcomes: Outcome[];
    try {
      sqlite.exec('BEGIN IMMEDIATE');
      outcomes = [];
      for (const { work } of batch) outcomes.push(await attempt(writer, work));
      sqlite.exec('COMMIT');
    } catch (error) {
      if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      outcomes = batch.map(() => ({ ok: false, error }));
    }
    for (const [i, { resolve, reject }] of batch.entries()) {
      const outcome = outcomes[i]!;
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    }
  }

  /** Commits batches until nothing waits; started on the next turn, so that writes of one turn share a batch. */
  async function drain(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      await commit(batch);
    }
    running = null;
    quiet.notify();
  }

  return {
    run<T>(work: (tx: Connection) => Promise<T>, options: WriteOptions = {}): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const relaxed = options.durability === 'relaxed';
        waiting.push({ work, relaxed, resolve: resolve as (value: unknown) => void, reject });
        running ??= drain();
      });
    },
    busy: () => running !== null,
    quiet: () => quiet.wait(running !== null),
    close: async () => {
      while (running) await running;
    },
  };
}

async function attempt(writer: Connection, work: (tx: Connection) => Promise<unknown>): Promise<Outcome> {
  const sqlite = writer.$client;
  sqlite.exec('SAVEPOINT write');
  try {
    const value = await work(writer);
    sqlite.exec('RELEASE write');
    return { ok: true, value };
  } catch (error) {
    // An error that ends the whole transaction (a full disk) leaves no savepoint: the batch fails as one.
    if (!sqlite.inTransaction) throw error;
    sqlite.exec('ROLLBACK TO write');
    sqlite.exec('RELEASE write');
    return { ok: false, error };
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
