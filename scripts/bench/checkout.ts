// npm run bench:checkout: how fast the counter records a purchase (POST /api/staff/purchases) on a database at
// production scale (npm run seed:scale: 1M members, 10M ledger rows), next to a bare Fastify JSON route and to
// PostgreSQL's own pgbench TPC-B on the same machine.
//
//   node scripts/bench/checkout.ts [--engine sqlite|postgres] [--path FILE | --url postgres://…]
//
// SQLite (the default): the file is --path, else DATABASE_PATH, else ./data/scale.db. PostgreSQL (--engine
// postgres, or a --url): the database is --url, else DATABASE_URL, else membership_bench on the local server,
// made when missing. A database that is missing or holds no members is seeded first (npm run seed:scale).
//
// The servers run in a child process (checkout-servers.ts: the real app wired as bot/server.ts wires it, a bare
// Fastify app, and the LINE stand-in in a third process), under the engine-postgres condition for PostgreSQL. This
// process signs in as the child's clerk and runs autocannon (checkout-load.ts), so the load generator does not
// share the servers' event loop: the lookups that find each purchase's member (a lookup token each), warm-up, then
// a measured run of BENCH_SECONDS (default 10) for each route. Then
// the child drains the pushes and reports what the database holds, and this process checks that every
// acknowledged purchase is stored once and that each touched member's balance equals their ledger and lots
// (checkout-report.ts). Once the child has exited, when pgbench is on PATH and a PostgreSQL server answers (the
// one of --url or DATABASE_URL, else the local one), pgbench's TPC-B runs for as long with as many clients
// (pgbench.ts). Targets, printed and not enforced: earn / bare >= 0.3; earn / pgbench >= 1.0 on SQLite and
// >= 0.5 on PostgreSQL; earn p99 < 25 ms (ADR 0013 says what stands in the way). A lost or doubled purchase, a
// balance that disagrees, or any answer but 2xx fails the run. The purchases stay in the database.
// BENCH_PROFILE=1 runs the child under --cpu-prof (the profile lands in ./data/profiles).
import { fork, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { conditionArgs, type Dialect, dialectOption } from '../engine-option.ts';
import {
  BENCH_DATABASE_URL,
  ensureDatabase,
  holdsMembers,
  isPostgresUrl,
} from '../seed-scale/postgres-database.ts';
import { checkoutLoad, signIn } from './checkout-load.ts';
import { report } from './checkout-report.ts';
import { CONNECTIONS, type Ready, SECONDS, type Stored, WARM_UP_SECONDS } from './checkout-setting.ts';
import { runPgbench } from './pgbench.ts';

const { values } = parseArgs({
  options: { engine: { type: 'string' }, path: { type: 'string' }, url: { type: 'string' } },
});
const engine = dialectOption(values.engine, values.url ? 'postgres' : 'sqlite');
const fromEnv = process.env.DATABASE_URL;
const postgresUrl = values.url ?? (fromEnv && isPostgresUrl(fromEnv) ? fromEnv : BENCH_DATABASE_URL);
const url =
  engine === 'postgres' ? postgresUrl : resolve(values.path ?? process.env.DATABASE_PATH ?? 'data/scale.db');
if (engine === 'postgres' && !isPostgresUrl(url)) throw new Error('--url must be a postgres:// URL');
await seedIfMissing(engine, url);

const run = `B${Date.now().toString(36).toUpperCase()}`;
const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${resolve('data/profiles')}`] : [];
const child = fork(resolve(import.meta.dirname, 'checkout-servers.ts'), [url, run], {
  execArgv: [...process.execArgv, ...conditionArgs(engine), ...profile],
});
const exited = once(child, 'exit') as Promise<[number | null]>;
void exited.then(([code]) => code === 0 || process.exit(1)); // the child has printed why
const [ready] = (await once(child, 'message')) as [Ready];

const load = checkoutLoad(ready, await signIn(ready), run);
const purchases = `${ready.app}/api/staff/purchases`;
// Each purchase pays with a lookup token, as the clerk's page does: every member is looked up before the load.
const lookups = await load.lookUp(`${ready.app}/api/staff/members/lookup`);
await load.run(ready.baseline, WARM_UP_SECONDS, false);
const baseline = await load.run(ready.baseline, SECONDS, false);
const warmUp = await load.run(purchases, WARM_UP_SECONDS, true);
const earn = await load.run(purchases, SECONDS, true);
const reply = once(child, 'message') as Promise<[Stored]>;
child.send('drain');
const [stored] = await reply;
await exited;

const pgbench = await runPgbench(postgresUrl, SECONDS, CONNECTIONS);
const where = engine === 'postgres' ? withoutPassword(url) : url;
const tally = load.tally();
const ok = report({ where, engine, ready, baseline, warmUp, earn, stored, tally, pgbench, lookups });
process.exit(ok ? 0 : 1);

/** Seeds the database (npm run seed:scale) when it is missing or holds no members. */
async function seedIfMissing(dialect: Dialect, database: string): Promise<void> {
  if (dialect === 'sqlite' && existsSync(database)) return;
  if (dialect === 'postgres') {
    await ensureDatabase(database);
    if (await holdsMembers(database)) return;
  }
  console.log(`${withoutPassword(database)} holds no members: seeding it (npm run seed:scale)`);
  const target = dialect === 'sqlite' ? ['--path', database] : ['--engine', 'postgres', '--url', database];
  const seeded = spawnSync(process.execPath, [resolve(import.meta.dirname, '../seed-scale.ts'), ...target], {
    stdio: 'inherit',
  });
  if (seeded.status !== 0) process.exit(1);
}

function withoutPassword(database: string): string {
  if (!isPostgresUrl(database)) return database;
  const shown = new URL(database);
  if (shown.password) shown.password = '***';
  return shown.toString();
}
