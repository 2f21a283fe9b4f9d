import type { Db } from './client.ts';

/**
 * Writes that share commits: each runs in its own savepoint inside the next shared transaction, and its promise
 * settles once that transaction is on disk.
 */
export interface GroupCommit {
  /** Runs `work` in the next commit; resolves with what it returned, or rejects with what it threw. */
  run<T>(work: (tx: Db) => T): Promise<T>;
  /** True while writes wait for their commit. */
  busy(): boolean;
  /** Resolves when no write waits for its commit. */
  quiet(): Promise<void>;
  /** Resolves when what was handed in is committed. */
  close(): Promise<void>;
}

interface Waiting {
  work: (tx: Db) => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Group commit. Every commit waits for a disk sync (synchronous=FULL: what is acknowledged survives a power cut),
 * which costs more than the writes of a webhook or a purchase. Writes handed in during one turn of the event loop
 * run together in one transaction and share that sync; each still answers only after it is on disk. A write that
 * throws rolls back to its savepoint and leaves the others alone. (A writer thread, so that the sync would not
 * block the event loop, was measured slower: ADR 0003.)
 */
export function createGroupCommit(db: Db): GroupCommit {
  let waiting: Waiting[] = [];
  let committed = Promise.resolve();
  const quiet = quietSignal();

  function commit(): void {
    const batch = waiting;
    waiting = [];
    let outcomes: Outcome[];
    try {
      outcomes = db.transaction((tx) => batch.map(({ work }) => attempt(tx, work)), {
        behavior: 'immediate',
      });
    } catch (error) {
      outcomes = batch.map(() => ({ ok: false, error }));
    }
    for (const [i, { resolve, reject }] of batch.entries()) {
      const outcome = outcomes[i]!;
      if (outcome.ok) resolve(outcome.value);
      else reject(outcome.error);
    }
    quiet.notify();
  }

  return {
    run<T>(work: (tx: Db) => T): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        if (waiting.length === 0) {
          committed = new Promise((done) =>
            setImmediate(() => {
              commit();
              done();
            }),
          );
        }
        waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
      });
    },
    busy: () => waiting.length > 0,
    quiet: () => quiet.wait(waiting.length > 0),
    close: () => committed,
  };
}

function attempt(tx: Db, work: (tx: Db) => unknown): Outcome {
  try {
    return { ok: true, value: tx.transaction((savepoint) => work(savepoint)) };
  } catch (error) {
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
