// bench:dashboard's counter phases, on bench:checkout's servers and load (dashboard-servers.ts, checkout-load.ts):
// the clerk's purchases for BENCH_SECONDS alone (phase A), then as long again while a marketer reads the dashboard
// over HTTP and the rollup rolls in the servers' process (phase B). The servers answer each phase's event-loop
// delays and what the rollup did; this process has the counter's latencies and the marketer's.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type autocannon from 'autocannon';
import { conditionArgs, type Dialect } from '../engine-option.ts';
import { checkoutLoad, signIn } from './checkout-load.ts';
import { type Ready, SECONDS, type Stored, WARM_UP_SECONDS } from './checkout-setting.ts';
import { MARKETER, type PhaseMessage, type PhasesOver, POLL_MS } from './dashboard-setting.ts';

type Query = { from: string; to: string; storeId: number | null };

export interface CounterPhases {
  alone: autocannon.Result;
  beside: autocannon.Result;
  /** The marketer's reads in phase B, in ms, by the read's name; and any answer but 200. */
  polls: Record<string, number[]>;
  pollFailures: number;
  over: PhasesOver;
  stored: Stored;
}

/** Reads `queries` in turn as the marketer, POLL_MS apart, until `stop` is called. */
function marketerPolling(app: string, session: Record<string, string>, queries: Record<string, Query>) {
  const polls: Record<string, number[]> = Object.fromEntries(Object.keys(queries).map((k) => [k, []]));
  let failures = 0;
  let stopped = false;
  const done = (async () => {
    for (let i = 0; !stopped; i++) {
      const [name, q] = Object.entries(queries)[i % Object.keys(queries).length]!;
      const search = new URLSearchParams({ from: q.from, to: q.to });
      if (q.storeId !== null) search.set('storeId', String(q.storeId));
      const started = performance.now();
      const response = await fetch(`${app}/api/staff/dashboard?${search}`, { headers: session });
      await response.arrayBuffer();
      if (response.status === 200) polls[name]!.push(performance.now() - started);
      else failures++;
      await sleep(POLL_MS);
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await done;
      return { polls, failures };
    },
  };
}

export async function counterPhases(
  dialect: Dialect,
  url: string,
  queries: Record<string, Query>,
): Promise<CounterPhases> {
  const run = `D${Date.now().toString(36).toUpperCase()}`;
  const child = fork(resolve(import.meta.dirname, 'dashboard-servers.ts'), [url, run], {
    execArgv: [...process.execArgv, ...conditionArgs(dialect)],
  });
  const exited = once(child, 'exit') as Promise<[number | null]>;
  void exited.then(([code]) => code === 0 || process.exit(1)); // the child has printed why
  const [ready] = (await once(child, 'message')) as [Ready];
  const tell = (message: PhaseMessage) => child.send(message);

  const load = checkoutLoad(ready, await signIn(ready), run);
  const marketer = await signIn(ready, MARKETER);
  const purchases = `${ready.app}/api/staff/purchases`;
  await load.lookUp(`${ready.app}/api/staff/members/lookup`);
  await load.run(purchases, WARM_UP_SECONDS, true);
  tell({ phase: 'A' });
  const alone = await load.run(purchases, SECONDS, true);
  tell({ phase: 'B' });
  const polling = marketerPolling(ready.app, marketer, queries);
  const beside = await load.run(purchases, SECONDS, true);
  const { polls, failures } = await polling.stop();
  const ended = once(child, 'message') as Promise<[PhasesOver]>;
  tell({ phase: 'end' });
  const [over] = await ended;
  const drained = once(child, 'message') as Promise<[Stored]>;
  child.send('drain');
  const [stored] = await drained;
  await exited;
  return { alone, beside, polls, pollFailures: failures, over, stored };
}
