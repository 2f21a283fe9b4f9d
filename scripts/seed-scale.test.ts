import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordPurchase } from '../bot/domain/checkout.ts';
import { openDatabase } from '../db/client.ts';
import { seedScale } from './seed-scale.ts';

const dir = mkdtempSync(join(tmpdir(), 'seed-scale-'));
const path = join(dir, 'scale.db');
const quiet = () => {};
let db: ReturnType<typeof openDatabase>;
const value = (sql: string) => db.$client.prepare(sql).pluck().get() as number;

beforeAll(async () => {
  await seedScale({ path, members: 400, ledgerRows: 5_000, log: quiet });
  db = openDatabase(path);
});
afterAll(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run seed:scale', () => {
  it('seeds the members and about the ledger rows asked for, with purchases, lots, spends and expiries', () => {
    expect(value('SELECT count(*) FROM members')).toBe(400);
    expect(value('SELECT count(*) FROM points_ledger')).toBeGreaterThan(3_500);
    expect(value('SELECT count(*) FROM points_ledger')).toBeLessThan(6_500);
    expect(value(`SELECT count(*) FROM points_ledger WHERE kind = 'redeem'`)).toBeGreaterThan(0);
    expect(value(`SELECT count(*) FROM points_ledger WHERE kind = 'expire'`)).toBeGreaterThan(0);
    expect(value(`SELECT count(DISTINCT tier_code) FROM members`)).toBeGreaterThan(1);
    expect(
      value(`SELECT count(*) FROM members WHERE phone NOT GLOB '09[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'`),
    ).toBe(0);
  });

  it('keeps every balance equal to its ledger, its last balance_after and its lots, never below zero', () => {
    expect(
      value(`SELECT count(*) FROM members m WHERE points_balance < 0
        OR points_balance != (SELECT coalesce(sum(points), 0) FROM points_ledger WHERE member_id = m.id)
        OR points_balance != (SELECT coalesce(sum(remaining), 0) FROM point_lots WHERE member_id = m.id)
        OR points_balance != coalesce((SELECT balance_after FROM points_ledger WHERE member_id = m.id ORDER BY id DESC LIMIT 1), 0)`),
    ).toBe(0);
    expect(value('SELECT count(*) FROM points_ledger WHERE balance_after < 0')).toBe(0);
  });

  it('records which lots each redemption and expiry took from, and expires every lot that is due', () => {
    expect(
      value(`SELECT count(*) FROM point_lots l WHERE l.points - l.remaining
        != (SELECT coalesce(sum(points), 0) FROM lot_spends WHERE lot_id = l.id)`),
    ).toBe(0);
    expect(
      value(`SELECT count(*) FROM points_ledger e WHERE kind IN ('redeem', 'expire')
        AND -e.points != (SELECT sum(points) FROM lot_spends WHERE entry_id = e.id)`),
    ).toBe(0);
    expect(value(`SELECT count(*) FROM point_lots WHERE remaining > 0 AND expires_at <= ${Date.now()}`)).toBe(
      0,
    );
  });

  it('gives each purchase its earn entry and, when it paid with points, its redemption', () => {
    expect(value(`SELECT count(*) FROM points_ledger WHERE kind = 'earn'`)).toBe(
      value('SELECT count(*) FROM purchases'),
    );
    expect(value(`SELECT count(*) FROM points_ledger WHERE kind = 'redeem'`)).toBe(
      value('SELECT count(*) FROM purchases WHERE points_redeemed > 0'),
    );
    expect(
      value(`SELECT count(*) FROM purchases p WHERE amount != (SELECT amount FROM points_ledger
        WHERE idempotency_key = 'purchase:' || p.id || ':earn')`),
    ).toBe(0);
  });

  it('leaves the schema as the migrations make it: foreign keys hold, every index back, WAL', () => {
    expect(db.$client.pragma('foreign_key_check')).toEqual([]);
    const indexes = (d: typeof db) =>
      d.$client.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name`).pluck().all();
    const fresh = openDatabase(':memory:');
    expect(indexes(db)).toEqual(indexes(fresh));
    fresh.$client.close();
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('leaves members the domain can record purchases for', () => {
    const member = db.$client
      .prepare('SELECT id, points_balance AS balance FROM members WHERE points_balance >= 100 LIMIT 1')
      .get() as { id: number; balance: number };
    const actor = { staffId: 1, storeId: 1, ip: null };
    const request = {
      memberId: member.id,
      price: 1_000,
      redeemPoints: 100,
      channel: 'store' as const,
      reference: 'T-1',
      idempotencyKey: 'seed-scale-test-1',
      at: new Date(),
    };
    const result = recordPurchase(db, request, actor);
    expect(result.balance).toBe(member.balance - 100 + result.purchase.pointsEarned);
  });

  it('refuses a database that holds data unless forced, and never touches the demo database', async () => {
    await expect(seedScale({ path, members: 10, ledgerRows: 50, log: quiet })).rejects.toThrow(/--force/);
    await expect(
      seedScale({ path: 'data/demo.db', members: 10, ledgerRows: 50, log: quiet }),
    ).rejects.toThrow(/demo/);
  });
});
