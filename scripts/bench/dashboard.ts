// npm run bench:dashboard: how long each of the dashboard's reads takes on the seed:scale database (1,000,000
// members, 10,000,000 ledger rows), against issue 16's 500 ms (ADR 0034).
//
//   node scripts/bench/dashboard.ts [--engine sqlite|postgres] [--path FILE | --url postgres://…] [--runs 15]
//
// Opening the database applies the dashboard's migration. The segments' facts are built when missing; then the
// rollup catches up (every row, the first time: its time is printed) and the morning's snapshot is taken. Each
// typical read (30 days, a year, one store, today) runs RUNS times after a warm-up, printed as p50, p95 and max.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { commandLine } from '../../bot/domain/actor.ts';
import { readDashboard } from '../../bot/domain/dashboard/dashboard.ts';
import { rollDashboard } from '../../bot/domain/dashboard/rollup.ts';
import { takeSnapshot } from '../../bot/domain/dashboard/snapshot.ts';
import { factsState, refreshSegmentFacts } from '../../bot/domain/segments/facts.ts';
import { taipeiDate } from '../../bot/domain/taipei-time.ts';
import { openEngine } from '../../db/engine.ts';
import { dialectOption, rerunFor } from '../engine-option.ts';
import { BENCH_DATABASE_URL } from '../seed-scale/postgres-database.ts';
import { percentile, timed } from './segments.ts';

const TARGET_MS = 500;
const { values } = parseArgs({
  options: {
    engine: { type: 'string' },
    path: { type: 'string' },
    url: { type: 'string' },
    runs: { type: 'string', default: '15' },
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
const since = async (label: string, work: () => Promise<unknown>) => {
  const started = performance.now();
  const answer = await work();
  console.log(`${label}: ${Math.round(performance.now() - started)} ms`, answer ?? '');
};

if (!(await engine.read(factsState)))
  await since('segment facts built', () => refreshSegmentFacts(engine, now));
await rollDashboard(engine, now);
await since('rollup caught up (chunks)', () => rollDashboard(engine, now));
await since('snapshot taken', () => takeSnapshot(engine, now));

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
  const { ms } = await timed(Number(values.runs), () => readDashboard(engine, commandLine, q, now));
  const p95 = percentile(ms, 95);
  ok &&= p95 < TARGET_MS;
  const f = (n: number) => `${n.toFixed(1)} ms`.padStart(10);
  console.log(`${label.padEnd(28)} p50 ${f(percentile(ms, 50))}  p95 ${f(p95)}  max ${f(Math.max(...ms))}`);
}
console.log(ok ? 'every read within the target' : 'a read missed the target');
await engine.close();
