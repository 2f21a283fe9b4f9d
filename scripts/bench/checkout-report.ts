// The figures of bench:checkout and its checks: every acknowledged purchase stored once under the id answered,
// nothing stored that was not sent, each touched balance equal to its ledger and its lots, each purchase's notice
// pushed. Targets are printed, not enforced; a failed check fails the run.
import type autocannon from 'autocannon';
import type { Tally } from './checkout-load.ts';
import { CONNECTIONS, type Ready, SECONDS, type Stored, WARM_UP_SECONDS } from './checkout-setting.ts';
import type { Pgbench } from './pgbench.ts';

export interface Outcome {
  /** The database, as the report names it. */
  where: string;
  engine: 'sqlite' | 'postgres';
  ready: Ready;
  baseline: autocannon.Result;
  warmUp: autocannon.Result;
  earn: autocannon.Result;
  stored: Stored;
  tally: Tally;
  pgbench: Pgbench;
  /** The lookups made before the load, one per purchase planned: how fast, and how many found their member. */
  lookups: { result: autocannon.Result; found: number };
}

const met = (yes: boolean) => (yes ? 'met' : 'NOT met');

/** The targets for the purchase rate, as a share of pgbench's TPC-B on the same machine. */
const PGBENCH_TARGET = { sqlite: 1.0, postgres: 0.5 };

/** Prints the figures and the checks; returns whether every check passed. */
export function report(outcome: Outcome) {
  const { where, engine, ready, baseline, warmUp, earn, stored, tally, pgbench, lookups } = outcome;
  const ratio = earn.requests.average / baseline.requests.average;
  const p99 = earn.latency.p99;
  const row = (name: string, { requests, latency }: autocannon.Result) =>
    [name.padEnd(30), Math.round(requests.average), latency.p50, latency.p99].join('\t');
  console.log(`\n${where} (${engine})`);
  console.log(`${CONNECTIONS} connections, ${SECONDS} s each after ${WARM_UP_SECONDS} s of warm-up`);
  console.log(`${''.padEnd(30)}\treq/s\tp50 ms\tp99 ms`);
  console.log(`${row('bare Fastify POST /json', baseline)}\n${row('POST /api/staff/purchases', earn)}`);
  console.log(row('POST /api/staff/members/lookup', lookups.result));
  if ('tps' in pgbench) {
    const tps = Math.round(pgbench.tps);
    console.log(`${'pgbench tpcb-like -M prepared'.padEnd(30)}\t${tps}\t(${pgbench.latencyMs} ms average)`);
  }
  console.log(`ratio earn / bare: ${ratio.toFixed(2)} (target >= 0.3: ${met(ratio >= 0.3)})`);
  if ('tps' in pgbench) {
    const versus = earn.requests.average / pgbench.tps;
    const target = PGBENCH_TARGET[engine];
    console.log(
      `ratio earn / pgbench TPC-B: ${versus.toFixed(2)} (target >= ${target.toFixed(1)}: ${met(versus >= target)})`,
    );
  } else {
    console.log(`ratio earn / pgbench TPC-B: not measured (${pgbench.skipped})`);
  }
  console.log(`earn p99: ${p99} ms (target < 25 ms: ${met(p99 < 25)})`);

  // A run's end cuts off the requests in flight (one per connection at most): they may be stored unanswered.
  const { acked, answers, replayed, sentKeys } = tally;
  const storedKeys = new Map(stored.purchases);
  const lost = [...acked].filter(([key, id]) => storedKeys.get(key) !== id).length;
  const cutOff = stored.purchases.length - (acked.size - lost);
  const failed =
    warmUp.non2xx + warmUp.errors + earn.non2xx + earn.errors + baseline.non2xx + baseline.errors;
  const pushed = (stored.notices.sent ?? 0) + (stored.notices.skipped ?? 0);
  const checks: [string, boolean][] = [
    ['every answer 2xx, no errors or timeouts', failed === 0],
    ['every member looked up, a token each', lookups.found === tally.madeFirst],
    ['one lookup per purchase: the pool lasted the run', !tally.exhausted],
    ['each purchase acknowledged once, none replayed', answers === acked.size && replayed === 0],
    ['every acknowledged purchase stored, under the id answered', lost === 0],
    ['nothing stored that was not sent', stored.purchases.every(([key]) => sentKeys.has(key))],
    ['unacknowledged only if cut off by a run end', cutOff <= 2 * CONNECTIONS],
    ['one earn entry per stored purchase', stored.earnEntries === stored.purchases.length],
    ['touched balances = ledger sums = lots remaining', stored.unequal.length === 0],
    ['each purchase’s notice pushed (or skipped: not a friend)', pushed === stored.purchases.length],
  ];
  console.log(
    `\npurchases: ${acked.size} acknowledged (${tally.redeeming} of the first ${tally.madeFirst} made redeem points),`,
  );
  console.log(
    `           ${stored.purchases.length} stored (${cutOff} cut off by a run's end), ${stored.members} members`,
  );
  console.log(
    `notices: ${JSON.stringify(stored.notices)}, drained in ${Math.round(stored.drainMs)} ms after the load` +
      (ready.backlog > 0 ? ` (with ${ready.backlog} left pending before the run)` : ''),
  );
  if (stored.unequal.length > 0)
    console.log(`members whose balance disagrees: ${stored.unequal.slice(0, 10).join(', ')}`);
  for (const [name, passed] of checks) console.log(`  ${passed ? 'ok  ' : 'FAIL'} ${name}`);
  const ok = checks.every(([, passed]) => passed);
  console.log(`every purchase recorded exactly once, every balance whole: ${ok ? 'yes' : 'NO'}`);
  return ok;
}
