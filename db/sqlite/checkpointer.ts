import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Connection } from './connection.ts';

export interface Checkpointer {
  /** Checkpoints once more and ends the thread. */
  stop(): Promise<void>;
}

/**
 * Checkpoints the WAL from a thread of its own. SQLite's automatic checkpoint runs inside the commit that fills
 * the WAL past 1,000 pages: on the event loop, copying pages into random places of a large file and syncing it,
 * which doubled the slowest purchases at the counter (ADR 0013). Here the connections given stop checkpointing
 * themselves, and the thread copies what is committed every `everyMs` while they go on writing (a PASSIVE
 * checkpoint never makes them wait). Should the thread die, the connections checkpoint themselves again.
 */
export function startCheckpointer(
  path: string,
  connections: Connection[],
  { everyMs = 1_000, onError = (_error: unknown) => {} } = {},
): Checkpointer {
  const selfCheckpointing = (on: boolean) => {
    for (const db of connections)
      if (db.$client.open) db.$client.pragma(`wal_autocheckpoint = ${on ? 1000 : 0}`);
  };
  selfCheckpointing(false);
  const worker = new Worker(new URL('./checkpoint-worker.ts', import.meta.url), {
    workerData: { path, everyMs },
  });
  let stopping = false;
  worker.on('error', onError);
  worker.on('exit', () => {
    if (!stopping) selfCheckpointing(true);
  });
  worker.unref();
  return {
    async stop() {
      stopping = true;
      worker.ref();
      const exited = once(worker, 'exit');
      worker.postMessage('stop');
      await exited;
    },
  };
}
