// The dashboard's reads on a thread of their own (ADR 0034): on SQLite a read runs on the thread that calls it,
// and the event loop that answers the counter stood still 5-35 ms for each of a marketer's reads.
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Engine } from '../../../db/engine.ts';
import type { Dashboard, DashboardQuery } from './dashboard.ts';
import type { Answer, Ask } from './read-worker.ts';

export interface DashboardWorker {
  /** The figures for a query already checked and allowed, read on the worker's own read-only connection. */
  read(q: DashboardQuery): Promise<Dashboard>;
  /** Lets the reads asked finish, then ends the thread. */
  close(): Promise<void>;
}

/**
 * A worker for `engine`'s database file, or none where its reads stay on this thread: PostgreSQL (a read waits
 * on the network there, not on the loop), and an in-memory SQLite database, which lives in its one connection:
 * a worker's connection would open another, empty database.
 */
export function dashboardWorkerFor(engine: Engine): DashboardWorker | undefined {
  const file = engine.file;
  if (!file || file === ':memory:' || file.startsWith('file::memory:') || file.includes('mode=memory'))
    return undefined;
  return dashboardWorker(engine, file);
}

function dashboardWorker(engine: Engine, file: string): DashboardWorker {
  const waiting = new Map<number, { resolve: (d: Dashboard) => void; reject: (e: Error) => void }>();
  let worker: Worker | null = null;
  let asked = 0;
  let closed = false;
  const failAll = (error: Error) => {
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  // Started at the first read; a thread that died is started again at the next.
  const start = () => {
    const thread = new Worker(new URL('./read-worker.ts', import.meta.url), { workerData: { file } });
    thread.on('message', (answer: Answer) => {
      const w = waiting.get(answer.id);
      waiting.delete(answer.id);
      if (waiting.size === 0) thread.unref(); // an idle thread keeps no process alive
      if ('error' in answer)
        w?.reject(Object.assign(new Error(answer.error.message), { name: answer.error.name }));
      else w?.resolve(answer.dashboard);
    });
    thread.on('error', failAll);
    thread.on('exit', (code) => {
      if (worker === thread) worker = null;
      failAll(new Error(`The dashboard's reading thread ended (exit code ${code})`));
    });
    return thread;
  };
  return {
    async read(query) {
      if (closed) throw new Error('The dashboard worker is closed');
      worker ??= start();
      const id = asked++;
      const answer = new Promise<Dashboard>((resolve, reject) => waiting.set(id, { resolve, reject }));
      worker.ref();
      worker.postMessage({ id, query } satisfies Ask);
      const dashboard = await answer;
      // The worker's snapshot may hold commits not yet synced (ADR 16 syncs after the commit): answered once
      // every commit so far is on disk, as a read of this engine waits for them, so no figure counts a write a
      // power cut could take away.
      await engine.read(async () => undefined);
      return dashboard;
    },
    async close() {
      closed = true;
      const thread = worker;
      worker = null;
      if (!thread) return;
      thread.ref();
      const exited = once(thread, 'exit');
      thread.postMessage('close' satisfies Ask);
      await exited;
    },
  };
}
