// npm run seed:scale: a database at production scale for `npm run bench:checkout`: 1,000,000 members and about
// 10,000,000 points-ledger rows over the past two years, with their purchases, lots and lot spends.
//
//   node scripts/seed-scale.ts [--path FILE] [--members N] [--ledger-rows N] [--force]
//
// The file is --path, else DATABASE_PATH, else ./data/scale.db; ./data/demo.db is never touched, and a database
// that holds members is refused unless --force (which deletes the file and starts afresh).
//
// This is a bulk loader, not domain code. Calling recordPurchase ten million times would take hours, so the
// history is simulated in memory under the ledger's rules (seed-scale/member-history.ts), and so every balance
// equals the sum of its ledger and the sum of its lots' remaining points. The schema comes from the real
// migrations (openDatabase); the rows go in with raw statements in large transactions, ledger ids in time order
// as a live system gives them (seed-scale/bulk-load.ts). A crash while loading leaves a broken file: seed it again.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openEmptyDatabase, startBulkLoad } from './seed-scale/bulk-load.ts';
import { ledgerRules, simulateHistory } from './seed-scale/history.ts';
import { loadLedger, loadPurchases } from './seed-scale/ledger.ts';
import { loadMembers } from './seed-scale/members.ts';
import { seedStores } from './seed-scale/stores.ts';

export interface ScaleOptions {
  path: string;
  members?: number;
  ledgerRows?: number;
  now?: Date;
  force?: boolean;
  log?: (line: string) => void;
}

const thousands = (n: number) => n.toLocaleString('en');

/** Seeds `path`; returns what it wrote. */
export async function seedScale(options: ScaleOptions) {
  const { members = 1_000_000, ledgerRows = 10_000_000, now = new Date(), log = console.log } = options;
  const path = resolve(options.path);
  if (path === resolve(import.meta.dirname, '../data/demo.db'))
    throw new Error('Refusing to seed the demo database');
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  const progress = (line: string) => log(`${line} (${elapsed()})`);
  const db = openEmptyDatabase(path, options.force);

  const stores = await seedStores(db, now);
  progress(`${stores.length} stores and their clerks`);
  const rules = ledgerRules(db);
  const plan = simulateHistory({ members, ledgerRows, now: now.getTime(), stores }, rules);
  progress(
    `calibrated to ${plan.purchasesPerYear.toFixed(2)} purchases a year for a member of average activity`,
  );

  const load = startBulkLoad(db.$client);
  loadMembers(load, plan, members, (m) =>
    progress(
      `members ${thousands(m)} / ${thousands(members)}, ledger ${thousands(plan.ledger.n)} rows so far`,
    ),
  );
  const ids = plan.assignIds();
  progress('ids in time order');
  const references = loadPurchases(load, plan, ids, stores);
  progress(`purchases ${thousands(plan.purchases.n)}`);
  loadLedger(load, plan, ids, { stores, references, pointValue: rules.policy.pointValue });
  load.commit();
  const { ledger, purchases, lots, spends } = plan;
  progress(`ledger ${thousands(ledger.n)}, lots ${thousands(lots.n)}, lot spends ${thousands(spends.n)}`);
  load.finish((index) => progress(`index ${index}`));

  const summary = {
    path,
    members,
    ledgerRows: ledger.n,
    purchases: purchases.n,
    lots: lots.n,
    lotSpends: spends.n,
    seconds: (performance.now() - started) / 1000,
    bytes: statSync(path).size,
  };
  log(
    `seeded ${path}: ${thousands(members)} members, ${thousands(ledger.n)} ledger rows, ${(summary.bytes / 2 ** 30).toFixed(2)} GiB in ${elapsed()}`,
  );
  return summary;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      path: { type: 'string' },
      members: { type: 'string' },
      'ledger-rows': { type: 'string' },
      force: { type: 'boolean', default: false },
    },
  });
  const path = values.path ?? process.env.DATABASE_PATH ?? 'data/scale.db';
  /** A whole number of at least 1, or undefined for the default. */
  const count = (name: 'members' | 'ledger-rows') => {
    const given = values[name];
    if (given === undefined) return undefined;
    const n = Number(given);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number of at least 1`);
    return n;
  };
  try {
    await seedScale({
      path,
      members: count('members'),
      ledgerRows: count('ledger-rows'),
      force: values.force,
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
