import type { Connection } from './connection.ts';

/**
 * Reads on the reader connection, one after the other, each in a transaction of its own: every statement of a
 * read sees the same snapshot, and no read sees a write that is not yet committed.
 */
export function serialReads(reader: Connection) {
  const sqlite = reader.$client;
  let last: Promise<unknown> = Promise.resolve();
  return {
    run<T>(work: (tx: Connection) => Promise<T>): Promise<T> {
      const read = last.then(async () => {
        sqlite.exec('BEGIN');
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
