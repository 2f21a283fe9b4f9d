import type { Connection } from './connection.ts';

/**
 * Reads on the reader connection, one after the other, each in a transaction of its own: every statement of a
 * read sees the same snapshot, and no read sees a write that is not yet committed and synced to disk (`unsynced`
 * is the group commit's: a snapshot is taken only once what is committed is on disk, ADR 16).
 */
export function serialReads(reader: Connection, unsynced: () => Promise<void> | null) {
  const sqlite = reader.$client;
  const pinSnapshot = sqlite.prepare('SELECT 1 FROM sqlite_schema LIMIT 1');
  let last: Promise<unknown> = Promise.resolve();
  return {
    run<T>(work: (tx: Connection) => Promise<T>): Promise<T> {
      const read = last.then(async () => {
        for (let sync = unsynced(); sync; sync = unsynced()) await sync.catch(() => {});
        // No await between the check above and the snapshot: no commit can come in between.
        sqlite.exec('BEGIN');
        pinSnapshot.get();
        try {
          return await work(reader);
        } finally {
          sqlite.exec('COMMIT');
        }
      });
      last = read.catch(() => {});
      return read;
    },
    close: () => last.then(() => {}),
  };
}
