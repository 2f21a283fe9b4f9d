import type { Engine } from '../engine.ts';
import { openConnection } from './connection.ts';
import { serialReads } from './serial-reads.ts';

const refused = () => {
  throw new Error('This engine only reads: it is a thread’s read-only connection to the database file');
};

/**
 * An engine that only reads, on a connection of its own to a database file another engine writes (WAL lets it
 * read beside the writer, each read on a snapshot of what is committed). For a worker thread's reads (the
 * dashboard's, ADR 0034): the thread that asked waits for its own engine's syncs before it answers (ADR 16).
 */
export function openReadOnlyEngine(file: string): Engine {
  const reader = openConnection(file, { readOnly: true });
  const reads = serialReads(reader, () => null);
  return {
    dialect: 'sqlite',
    file,
    write: async () => refused(),
    read: (work) => reads.run(work),
    busy: () => false,
    quiet: async () => {},
    signal: refused,
    listen: refused,
    isReady: async () => true,
    async close() {
      await reads.close();
      reader.$client.close();
    },
  };
}
