import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { and, count, countDistinct, eq, gt, inArray, lt, lte, sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordPurchase } from '../bot/domain/purchases.ts';
import { type Engine, openEngine, type TestEngine, type Tx } from '../db/engine.ts';
import { members, pointLots, pointsLedger, purchases } from '../db/schema.ts';
import { openTestEngine } from '../db/test-engine.ts';
import { seedScale } from './seed-scale.ts';

const dir = mkdtempSync(join(tmpdir(), 'seed-scale-'));
const quiet = () => {};
/** On PostgreSQL a fresh database of the test's own; on SQLite a file, seeded while nothing else has it open. */
let seeded: TestEngine | undefined;
let engine: Engine;
let url: string;

/** The number a count query finds. */
const value = (query: (tx: Tx) => Promise<{ n: number }[]>) =>
  engine.read(async (tx) => (await query(tx))[0]!.n);

beforeAll(async () => {
  const target = await openTestEngine();
  if (target.dialect === 'postgres') {
    seeded = target;
    url = target.url;
  } else {
    await target.close(); // the load changes the journal mode, which no other open connection allows
    url = join(dir, 'scale.db');
  }
  await seedScale({ url, members: 400, ledgerRows: 5_000, seed: 2026, log: quiet });
  engine = seeded ?? (await openEngine({ url }));
});
afterAll(async () => {
  await engine.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run seed:scale', () => {
  it('seeds the members and about the ledger rows asked for, with purchases, lots, spends and expiries', async () => {
    const ofKind = (kind: 'redeem' | 'expire') =>
      value((tx) => tx.select({ n: count() }).from(pointsLedger).where(eq(pointsLedger.kind, kind)));
    expect(await value((tx) => tx.select({ n: count() }).from(members))).toBe(400);
    const ledgerRows = await value((tx) => tx.select({ n: count() }).from(pointsLedger));
    expect(ledgerRows).toBeGreaterThan(3_500);
    expect(ledgerRows).toBeLessThan(6_500);
    expect(await ofKind('redeem')).toBeGreaterThan(0);
    expect(await ofKind('expire')).toBeGreaterThan(0);
    expect(
      await value((tx) => tx.select({ n: countDistinct(members.tierCode) }).from(members)),
    ).toBeGreaterThan(1);
    const phones = await engine.read((tx) => tx.select({ phone: members.phone }).from(members));
    expect(phones.filter(({ phone }) => !/^09\d{8}$/.test(phone ?? ''))).toEqual([]);
  });

  it('keeps every balance equal to its ledger, its last balance_after and its lots, never below zero', async () => {
    const balance = members.pointsBalance;
    const wrong = sql`${balance} < 0
      OR ${balance} != (SELECT coalesce(sum(points), 0) FROM points_ledger WHERE member_id = ${members.id})
      OR ${balance} != (SELECT coalesce(sum(remaining), 0) FROM point_lots WHERE member_id = ${members.id})
      OR ${balance} != coalesce((SELECT balance_after FROM points_ledger WHERE member_id = ${members.id}
                                 ORDER BY id DESC LIMIT 1), 0)`;
    expect(await value((tx) => tx.select({ n: count() }).from(members).where(wrong))).toBe(0);
    expect(
      await value((tx) =>
        tx.select({ n: count() }).from(pointsLedger).where(lt(pointsLedger.balanceAfter, 0)),
      ),
    ).toBe(0);
  });

  it('records which lots each redemption and expiry took from, and expires every lot that is due', async () => {
    const lot = pointLots;
    const unspent = sql`${lot.points} - ${lot.remaining}
      != (SELECT coalesce(sum(points), 0) FROM lot_spends WHERE lot_id = ${lot.id})`;
    expect(await value((tx) => tx.select({ n: count() }).from(lot).where(unspent))).toBe(0);
    const entry = pointsLedger;
    const untaken = sql`-${entry.points} != (SELECT sum(points) FROM lot_spends WHERE entry_id = ${entry.id})`;
    expect(
      await value((tx) =>
        tx
          .select({ n: count() })
          .from(entry)
          .where(and(inArray(entry.kind, ['redeem', 'expire']), untaken)),
      ),
    ).toBe(0);
    const due = and(gt(lot.remaining, 0), lte(lot.expiresAt, new Date()));
    expect(await value((tx) => tx.select({ n: count() }).from(lot).where(due))).toBe(0);
  });

  it('gives each purchase its earn entry and, when it paid with points, its redemption', async () => {
    const entries = (kind: 'earn' | 'redeem') =>
      value((tx) => tx.select({ n: count() }).from(pointsLedger).where(eq(pointsLedger.kind, kind)));
    expect(await entries('earn')).toBe(await value((tx) => tx.select({ n: count() }).from(purchases)));
    expect(await entries('redeem')).toBe(
      await value((tx) => tx.select({ n: count() }).from(purchases).where(gt(purchases.pointsRedeemed, 0))),
    );
    const unlike = sql`${purchases.amount} != (SELECT amount FROM points_ledger
      WHERE idempotency_key = 'purchase:' || ${purchases.id} || ':earn')`;
    expect(await value((tx) => tx.select({ n: count() }).from(purchases).where(unlike))).toBe(0);
  });

  it('leaves the schema as the migrations make it: keys, foreign keys and every index back', async () => {
    const fresh = await openTestEngine();
    try {
      if (engine.dialect === 'sqlite') expect(sqliteSchema(url)).toEqual(sqliteSchema(fresh.url));
      else expect(await postgresSchema(url)).toEqual(await postgresSchema(fresh.url));
    } finally {
      await fresh.close();
    }
    if (engine.dialect === 'sqlite') {
      const sqlite = new Sqlite(url, { readonly: true });
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      sqlite.close();
    }
  });

  it('leaves members the domain can record purchases for, under new ids', async () => {
    const [member] = await engine.read((tx) =>
      tx
        .select({ id: members.id, balance: members.pointsBalance })
        .from(members)
        .where(sql`${members.pointsBalance} >= 100`)
        .limit(1),
    );
    const lastPurchase = await value((tx) =>
      tx.select({ n: sql<number>`max(id)`.mapWith(Number) }).from(purchases),
    );
    const actor = { staffId: 1, storeId: 1, ip: null, may: 'everything' as const };
    const request = {
      member: { id: member!.id, proof: 'card' as const },
      price: 1_000,
      redeemPoints: 100,
      channel: 'store' as const,
      reference: 'T-1',
      idempotencyKey: 'seed-scale-test-1',
      at: new Date(),
    };
    const result = await recordPurchase(engine, request, actor);
    expect(result.balance).toBe(member!.balance - 100 + result.purchase.pointsEarned);
    expect(result.purchase.id).toBe(lastPurchase + 1);
  });

  it('refuses a database that holds data unless forced, and never touches the demo database', async () => {
    await expect(seedScale({ url, members: 10, ledgerRows: 50, log: quiet })).rejects.toThrow(/--force/);
    await expect(seedScale({ url: 'data/demo.db', members: 10, ledgerRows: 50, log: quiet })).rejects.toThrow(
      /demo/,
    );
  });
});

/** The indexes of a SQLite file, by name. */
function sqliteSchema(path: string) {
  const sqlite = new Sqlite(path, { readonly: true });
  const names = sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name`)
    .pluck()
    .all();
  sqlite.close();
  return names;
}

/** The constraints and indexes of a PostgreSQL database, as PostgreSQL writes them out, and whether the identity
 * sequences have handed out every id in their tables. */
async function postgresSchema(database: string) {
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  try {
    const constraints = await client.query(
      `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS sql
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY conname`,
    );
    const indexes = await client.query(
      `SELECT indexname AS name, indexdef AS sql FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`,
    );
    const sequencesBehind: string[] = [];
    for (const table of ['members', 'purchases', 'points_ledger', 'point_lots']) {
      const { rows } = await client.query(
        `SELECT (SELECT coalesce(last_value, 0) FROM pg_sequences WHERE sequencename = $1) AS last,
                (SELECT coalesce(max(id), 0) FROM "${table}") AS max`,
        [`${table}_id_seq`],
      );
      if (Number(rows[0].last) < Number(rows[0].max)) sequencesBehind.push(table);
    }
    return { constraints: constraints.rows, indexes: indexes.rows, sequencesBehind };
  } finally {
    await client.end();
  }
}
