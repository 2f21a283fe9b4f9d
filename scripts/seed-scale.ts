// npm run seed:scale: a database at production scale for `npm run bench:checkout`: 1,000,000 members and about
// 10,000,000 points-ledger rows over the past two years, with their purchases, lots and lot spends.
//
//   node scripts/seed-scale.ts [--engine sqlite|postgres] [--path FILE | --url postgres://…] [--members N]
//                              [--ledger-rows N] [--force]
//
// SQLite (the default): the file is --path, else DATABASE_PATH, else ./data/scale.db; ./data/demo.db is never
// touched. PostgreSQL (--engine postgres, or a --url): the database is --url, else DATABASE_URL, else
// membership_bench on the local server, made when missing; the script runs itself under the engine-postgres
// condition. A database that holds members or stores is refused unless --force (which deletes the file, or drops
// the database, and starts afresh).
//
// This is a bulk loader, not domain code. Calling recordPurchase ten million times would take hours, so the
// history is simulated in memory under the ledger's rules (seed-scale/member-history.ts), and so every balance
// equals the sum of its ledger and the sum of its lots' remaining points. The schema comes from the engine's own
// migrations, and the stores and the rules from the domain; the rows go in raw, ledger ids in time order as a
// live system gives them: on SQLite in large transactions (seed-scale/bulk-load.ts), on PostgreSQL through COPY
// (seed-scale/copy-load.ts), the indexes built after the load on both. A crash while loading leaves a broken
// database: seed it again with --force.
import { randomInt } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { count } from 'drizzle-orm';
import { type Engine, openEngine } from '../db/engine.ts';
import * as schema from '../db/schema.ts';
import { dialectOption, rerunFor } from './engine-option.ts';
import { type BulkLoad, startSqliteLoad } from './seed-scale/bulk-load.ts';
import { startCopyLoad } from './seed-scale/copy-load.ts';
import { ledgerRules, simulateHistory } from './seed-scale/history.ts';
import { loadLedger, loadPurchases } from './seed-scale/ledger.ts';
import { loadMembers } from './seed-scale/members.ts';
import {
  BENCH_DATABASE_URL,
  databaseBytes,
  ensureDatabase,
  isPostgresUrl,
} from './seed-scale/postgres-database.ts';
import { seedRandom } from './seed-scale/random.ts';
import { seedStores } from './seed-scale/stores.ts';

export interface ScaleOptions {
  /** The SQLite file's path, or a postgres:// URL (this process must have loaded PostgreSQL's engine). */
  url: string;
  members?: number;
  ledgerRows?: number;
  now?: Date;
  /** Where the random draws start: the same seed, members and rows give the same history. Random by default. */
  seed?: number;
  force?: boolean;
  log?: (line: string) => void;
}

const thousands = (n: number) => n.toLocaleString('en');

/** The stores and their clerks, through the domain, and the ledger's rules; refuses a database with data. */
async function storesAndRules(engine: Engine, url: string, now: Date) {
  const held = await engine.read(async (tx) => {
    const [member] = await tx.select({ n: count() }).from(schema.members);
    const [store] = await tx.select({ n: count() }).from(schema.stores);
    return member!.n + store!.n;
  });
  if (held > 0) throw new Error(`${url} already holds data: pass --force to seed afresh`);
  return { stores: await seedStores(engine, now), rules: await ledgerRules(engine) };
}

/** Seeds the database `url` names; returns what it wrote. */
export async function seedScale(options: ScaleOptions) {
  const { members = 1_000_000, ledgerRows = 10_000_000, now = new Date(), log = console.log } = options;
  const postgres = isPostgresUrl(options.url);
  const url = postgres ? options.url : resolve(options.url);
  if (url === resolve(import.meta.dirname, '../data/demo.db'))
    throw new Error('Refusing to seed the demo database');
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const progress = (line: string) => log(`${line} (${elapsed()})`);
  if (postgres) await ensureDatabase(url, { fresh: options.force });
  else if (options.force) for (const suffix of ['', '-wal', '-shm']) rmSync(url + suffix, { force: true });

  // The engine makes the schema (its migrations).
  const engine = await openEngine({ url });
  const { stores, rules } = await storesAndRules(engine, url, now).finally(() => engine.close());
  progress(`${stores.length} stores and their clerks`);
  seedRandom(options.seed ?? randomInt(2 ** 32));
  const plan = simulateHistory({ members, ledgerRows, now: now.getTime(), stores }, rules);
  progress(
    `calibrated to ${plan.purchasesPerYear.toFixed(2)} purchases a year for a member of average activity`,
  );

  const load: BulkLoad = postgres ? await startCopyLoad(url) : startSqliteLoad(url);
  await loadMembers(load, plan, members, (m) =>
    progress(
      `members ${thousands(m)} / ${thousands(members)}, ledger ${thousands(plan.ledger.n)} rows so far`,
    ),
  );
  const ids = plan.assignIds();
  progress('ids in time order');
  const references = await loadPurchases(load, plan, ids, stores);
  progress(`purchases ${thousands(plan.purchases.n)}`);
  await loadLedger(load, plan, ids, { stores, references, pointValue: rules.policy.pointValue });
  const { ledger, purchases, lots, spends } = plan;
  progress(`ledger ${thousands(ledger.n)}, lots ${thousands(lots.n)}, lot spends ${thousands(spends.n)}`);
  await load.finish(progress);

  const summary = {
    url,
    members,
    ledgerRows: ledger.n,
    purchases: purchases.n,
    lots: lots.n,
    lotSpends: spends.n,
    seconds: (performance.now() - started) / 1000,
    bytes: postgres ? await databaseBytes(url) : statSync(url).size,
  };
  log(
    `seeded ${url}: ${thousands(members)} members, ${thousands(ledger.n)} ledger rows, ${(summary.bytes / 2 ** 30).toFixed(2)} GiB in ${elapsed()}`,
  );
  return summary;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string' },
      path: { type: 'string' },
      url: { type: 'string' },
      members: { type: 'string' },
      'ledger-rows': { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  /** A whole number of at least 1, or undefined for the default. */
  const wholeNumber = (name: 'members' | 'ledger-rows') => {
    const given = values[name];
    if (given === undefined) return undefined;
    const n = Number(given);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1`);
    return n;
  };
  try {
    const dialect = dialectOption(values.engine, values.url ? 'postgres' : 'sqlite');
    rerunFor(dialect, import.meta.filename);
    const fromEnv = process.env.DATABASE_URL;
    const url =
      dialect === 'postgres'
        ? (values.url ?? (fromEnv && isPostgresUrl(fromEnv) ? fromEnv : BENCH_DATABASE_URL))
        : (values.path ?? process.env.DATABASE_PATH ?? 'data/scale.db');
    if (!isPostgresUrl(url) && dialect === 'postgres') throw new Error('--url must be a postgres:// URL');
    await seedScale({
      url,
      members: wholeNumber('members'),
      ledgerRows: wholeNumber('ledger-rows'),
      force: values.force,
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
