import { startCheckpointer } from './checkpointer.ts';
import { type Database, openDatabase } from './client.ts';

export interface ServerDatabase {
  /** Fully synced: everything a request writes (what is answered is on disk). */
  db: Database;
  /** Relaxed syncing, for the webhook event processor and push outcomes (ADR 0003). */
  eventsDb: Database;
  /** Checkpoints once more and closes the connections. */
  close(): Promise<void>;
}

/** The server's connections to its database file, and the thread that checkpoints its WAL (ADR 0013). */
export function openServerDatabase(path: string): ServerDatabase {
  const db = openDatabase(path);
  const eventsDb = openDatabase(path, { synchronous: 'NORMAL' });
  const checkpointer = startCheckpointer(path, [db, eventsDb], {
    onError: (error) => console.error('The WAL checkpointer stopped; the server checkpoints itself:', error),
  });
  return {
    db,
    eventsDb,
    async close() {
      await checkpointer.stop();
      eventsDb.$client.close();
      db.$client.close();
    },
  };
}
