// npm run bench:dashboard: the dashboard on the seed:scale database (1,000,000 members, 10,000,000 ledger rows)
// against issue 16's targets (ADR 0034): each read < 500 ms, and the counter's p99 unmoved while it refreshes.
//
//   node scripts/bench/dashboard.ts [--engine sqlite|postgres] [--path FILE | --url postgres://…] [--runs 15]
//                                   [--keep-rollup]
//
// Opening the database applies the dashboard's migrations. The segments' facts are built when missing, and a
// campaign to every member (dashboard-campaign.ts), whose results page's read is timed once. The rollup is emptied
// (unless --keep-rollup) and caught up from the first row, timed, with this process's event-loop delay watched:
// its max is the longest a chunk held the loop. Then the morning's snapshot is taken, and each typical read (30
// days, a year, one store, today) runs RUNS times after a warm-up: p50, p95, max. Last, the counter
// (dashboard-counter.ts): bench:checkout's purchases for BENCH_SECONDS alone, then as long again while a marketer
// reads the dashboard every DASHBOARD_POLL_MS (30 days and a year, in turn) and the rollup rolls beside the
// counter; both phases' p50 / p99, their ratio, and the servers' event-loop delays. Figures are printed, not
// enforced; an answer but 2xx fails the run.
import { resolve } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { commandLine } from '../../bot/domain/actor.ts';
import { campaignResults } from '../../bot/domain/campaigns/results.ts';
import { readDashboard } from '../../bot/domain/dashboard/dashboard.ts';
import { rollDashboard } from '../../bot/domain/dashboard/rollup.ts';
import { takeSnapshot } from '../../bot/domain/dashboard/snapshot.ts';
import { factsState, refreshSegmentFacts } from '../../bot/domain/segments/facts.ts';
import { taipeiDate } from '../../bot/domain/taipei-time.ts';
import { openEngine } from '../../db/engine.ts';
import { dashboardCampaigns, dashboardDays, dashboardState, dashboardStoreMembers } from '../../db/schema.ts';
import { dialectOption, rerunFor } from '../engine-option.ts';
import { BENCH_DATABASE_URL } from '../seed-scale/postgres-database.ts';
import { CONNECTIONS, SECONDS } from './checkout-setting.ts';
import { benchCampaign } from './dashboard-campaign.ts';
import { counterPhases } from './dashboard-counter.ts';
import { POLL_MS } from './dashboard-setting.ts';
import { percentile, timed } from './segments.ts';

const TARGET_MS = 500;
const { values } = parseArgs({
  options: {
    engine: { type: 'string' },
    path: { type: 'string' },
    url: { type: 'string' },
    runs: { type: 'string', default: '15' },
    'keep-rollup': { type: 'boolean', default: false },
  },
});
const dialect = dialectOption(values.engine, values.url ? 'postgres' : 'sqlite');
rerunFor(dialect, import.meta.filename);
const url =
  dialect === 'postgres'
    ? (values.url ?? BENCH_DATABASE_URL)
    : resolve(values.path ?? process.env.DATABASE_PATH ?? 'data/scale.db');
const engine = await openEngine({ url });
const now = new Date();
const f = (n: number) => `${n.toFixed(1)} ms`.padStart(10);
/** `work`'s time and the longest this process's event loop was held meanwhile. */
const watched = async <T>(label: string, work: () => Promise<T>) => {
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  await sleep(20); // its first turn sets where delays are measured from
  const started = performance.now();
  const answer = await work();
  await sleep(20); // the histogram notes a block once the loop turns again
  loop.disable();
  const ms = Math.round(performance.now() - started);
  console.log(`${label}: ${ms} ms, the event loop held at most ${(loop.max / 1e6).toFixed(1)} ms`, answer);
};

if (!(await engine.read(factsState)))
  await watched('segment facts built', () => refreshSegmentFacts(engine, now));
const campaign = await benchCampaign(engine, now);
await watched(`a campaign to ${campaign.recipients} members: its results page's read`, async () => {
  const results = await campaignResults(engine, campaign.id, commandLine, now);
  return `(uplift ${results.sales.uplift})`;
});
if (!values['keep-rollup'])
  await engine.write(async (tx) => {
    await tx.delete(dashboardDays);
    await tx.delete(dashboardStoreMembers);
    await tx.delete(dashboardState);
    await tx.delete(dashboardCampaigns);
  });
await rollDashboard(engine, now);
await watched('rollup caught up (chunks)', () => rollDashboard(engine, now));
await watched('snapshot taken', () => takeSnapshot(engine, now));

const today = taipeiDate(now);
const daysBefore = (n: number) => taipeiDate(new Date(now.getTime() - n * 86_400_000));
const reads = {
  'last 30 days, all stores': { from: daysBefore(29), to: today, storeId: null },
  'last 365 days, all stores': { from: daysBefore(364), to: today, storeId: null },
  'last 30 days, store 1': { from: daysBefore(29), to: today, storeId: 1 },
  'today, all stores': { from: today, to: today, storeId: null },
};
console.log(
  `\n${dialect}, ${url.replace(/:[^:@/]+@/, ':***@')}: each read ${values.runs} times (target < ${TARGET_MS} ms)`,
);
let ok = true;
for (const [label, q] of Object.entries(reads)) {
  const { ms } = await timed(Number(values.runs), () => readDashboard(engine, commandLine, q));
  const p95 = percentile(ms, 95);
  ok &&= p95 < TARGET_MS;
  console.log(`${label.padEnd(28)} p50 ${f(percentile(ms, 50))}  p95 ${f(p95)}  max ${f(Math.max(...ms))}`);
}
console.log(ok ? 'every read within the target' : 'a read missed the target');
await engine.close();

const polled = {
  '30 days': reads['last 30 days, all stores'],
  '365 days': reads['last 365 days, all stores'],
};
const c = await counterPhases(dialect, url, polled);
const row = (name: string, r: typeof c.alone, loop: { p99: number; max: number }) =>
  `${name.padEnd(34)}${String(Math.round(r.requests.average)).padStart(6)}${String(r.latency.p50).padStart(8)}` +
  `${String(r.latency.p99).padStart(8)}${`${loop.p99} / ${loop.max}`.padStart(16)}`;
console.log(`\nthe counter, POST /api/staff/purchases: ${CONNECTIONS} connections, ${SECONDS} s a phase`);
console.log(`${''.padEnd(34)} req/s  p50 ms  p99 ms  loop p99/max ms`);
console.log(row('A alone', c.alone, c.over.loop.A));
console.log(row('B beside the dashboard', c.beside, c.over.loop.B));
const ratio = c.beside.latency.p99 / c.alone.latency.p99;
console.log(`p99 B / A: ${ratio.toFixed(2)} (${c.beside.latency.p99 - c.alone.latency.p99} ms)`);
console.log(
  `in B the rollup rolled ${c.over.rolls} times (${c.over.chunks} chunks); the marketer read every ${POLL_MS} ms:`,
);
for (const [name, ms] of Object.entries(c.polls))
  console.log(
    `  GET /api/staff/dashboard, ${name.padEnd(9)} ${String(ms.length).padStart(3)} reads  p50 ${f(percentile(ms, 50))}  p95 ${f(percentile(ms, 95))}  max ${f(Math.max(...ms))}`,
  );
const failed = c.alone.non2xx + c.alone.errors + c.beside.non2xx + c.beside.errors + c.pollFailures;
console.log(`purchases stored: ${c.stored.purchases.length}; answers but 2xx or errors: ${failed}`);
process.exit(failed === 0 ? 0 : 1);
