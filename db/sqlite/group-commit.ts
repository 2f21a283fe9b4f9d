import type { WriteOptions } from '../engine.ts';
import type { Connection } from './connection.ts';

/**
 * Writes that share commits: each runs in its own savepoint inside the next shared transaction, and its promise
 * settles once that transaction is on disk.
 */
export interface GroupCommit {
  run<T>(work: (tx: Connection) => Promise<T>, options?: WriteOptions): Promise<T>;
  /** True while writes wait for their commit or its sync. */
  busy(): boolean;
  /** Resolves when no write waits for its commit or its sync. */
  quiet(): Promise<void>;
  /** A promise of the sync of everything committed so far, or null when all of it is on disk already. */
  unsynced(): Promise<void> | null;
  /** Resolves when what was handed in is committed and on disk. */
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
 * Group commit on the one writer connection. Writes handed in while a batch runs wait for the next one; each runs
 * in a savepoint, one after the other, and a write that throws rolls back to its savepoint and leaves the others
 * alone. No statement of anything else enters an open batch: the connection is the group commit's alone (reads
 * have their own, db/sqlite/engine.ts).
 *
 * A write is answered only once its batch is on disk, but the disk sync does not hold up the event loop: the
 * connection commits with synchronous=NORMAL (the WAL is written, not synced) and `syncWal` then syncs the WAL
 * file from libuv's thread pool while the next batch runs. That is the sync synchronous=FULL would have made on
 * the loop at COMMIT (ADR 16). Readers do not start on a commit that is not yet synced (`unsynced`). A batch of
 * relaxed writes only (ADR 3) is answered without waiting for a sync.
 */
export function createGroupCommit(writer: Connection, syncWal: () => Promise<void>): GroupCommit {
  const sqlite = writer.$client;
  sqlite.pragma('synchronous = NORMAL');
  let waiting: Waiting[] = [];
  let running: Promise<void> | null = null;
  /** The sync of the latest batch that needs one, until it is done. */
  let syncing: Promise<void> | null = null;
  let syncs = 0;
  const quiet = quietSignal();

  async function commit(batch: Waiting[]): Promise<void> {
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
    const settle = (failure?: unknown) => {
      for (const [i, { resolve, reject }] of batch.entries()) {
        const outcome = outcomes[i]!;
        if (failure !== undefined) reject(failure);
        else if (outcome.ok) resolve(outcome.value);
        else reject(outcome.error);
      }
    };
    const committedSomething = outcomes.some((outcome) => outcome.ok);
    if (!committedSomething || batch.every((write) => write.relaxed)) return settle();
    // A sync covers every commit before it, so each batch waits for the one it started itself.
    syncs++;
    const synced = syncWal().then(
      () => settle(),
      (error: unknown) => settle(new Error('The database could not be synced to disk', { cause: error })),
    );
    const done = synced.finally(() => {
      syncs--;
      if (syncing === done) syncing = null;
      if (!running && syncs === 0) quiet.notify();
    });
    syncing = done;
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
    if (syncs === 0) quiet.notify();
  }

  const busy = () => running !== null || syncs > 0;
  return {
    run<T>(work: (tx: Connection) => Promise<T>, options: WriteOptions = {}): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const relaxed = options.durability === 'relaxed';
        waiting.push({ work, relaxed, resolve: resolve as (value: unknown) => void, reject });
        running ??= drain();
      });
    },
    busy,
    quiet: () => quiet.wait(busy()),
    unsynced: () => syncing,
    close: async () => {
      while (running || syncing) await (running ?? syncing);
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
