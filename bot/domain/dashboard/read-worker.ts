// The dashboard's reading thread (off-loop.ts): a read-only connection of its own to the database file, reading
// each query asked with the same readFigures as the server's thread, and posting the figures back.
import { parentPort, workerData } from 'node:worker_threads';
import { openReadOnlyEngine } from '#db/dialect/read-only-engine';
import { type Dashboard, type DashboardQuery, readFigures } from './dashboard.ts';

export type Ask = { id: number; query: DashboardQuery } | 'close';
export type Answer =
  | { id: number; dashboard: Dashboard }
  | { id: number; error: { name: string; message: string } };

if (parentPort) {
  const port = parentPort;
  const engine = openReadOnlyEngine((workerData as { file: string }).file);
  port.on('message', async (ask: Ask) => {
    if (ask === 'close') {
      await engine.close(); // after the reads asked before
      port.close();
      return;
    }
    try {
      // Whole, on one snapshot: no request waits on this thread.
      const dashboard = await readFigures(engine, ask.query, { whole: true });
      port.postMessage({ id: ask.id, dashboard } satisfies Answer);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      port.postMessage({ id: ask.id, error: { name: error.name, message: error.message } } satisfies Answer);
    }
  });
}
