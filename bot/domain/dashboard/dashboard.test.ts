import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandLine } from '../actor.ts';
import type { DomainError } from '../errors.ts';
import { refundPurchase } from '../refunds.ts';
import { refreshSegmentFacts } from '../segments/facts.ts';
import { type Fixture, now, openFixture } from '../segments/fixture.ts';
import { readDashboard } from './dashboard.ts';
import { rollDashboard } from './rollup.ts';
import { takeSnapshot } from './snapshot.ts';

let f: Fixture;
beforeEach(async () => {
  f = await openFixture();
});
afterEach(() => f.engine.close());

const HOUR = 3_600_000;
const all = { from: '2026-10-01', to: '2026-12-01', storeId: null };

/** Rolls what is committed: the first roll notes the ids, the next one rolls up to them. */
async function roll() {
  await rollDashboard(f.engine, now);
  return rollDashboard(f.engine, now);
}

/** Eve buys NT$1,000 at 08:00 today and gets NT$400 back at 09:00; Dan's points of July 2025 expire this month. */
async function today() {
  const bought = (await f.buy(f.ids.eve, 1000, new Date(now.getTime() - 2 * HOUR))) as {
    purchase: { id: number };
  };
  await refundPurchase(
    f.engine,
    {
      purchaseId: bought.purchase.id,
      amount: 400,
      isVoid: false,
      reason: null,
      idempotencyKey: 'refund-eve',
      at: new Date(now.getTime() - HOUR),
    },
    { staffId: null, storeId: f.storeA, ip: null, may: 'everything' },
  );
  await f.buy(f.ids.dan, 450, new Date('2025-07-01T04:00:00Z'));
}

describe('the dashboard', () => {
  it('reads the same figures live, rolled up, and half rolled with the rest live', async () => {
    await today();
    const live = await readDashboard(f.engine, commandLine, all);
    await roll();
    expect(await readDashboard(f.engine, commandLine, all)).toEqual(live);
    await f.buy(f.ids.ben, 600, new Date(now.getTime() - HOUR));
    const after = await readDashboard(f.engine, commandLine, all);
    await roll();
    expect(await readDashboard(f.engine, commandLine, all)).toEqual(after);
    expect(await rollDashboard(f.engine, now)).toBe(0);
    expect(after.sales).toEqual({ orders: 5, total: 3500, inStore: 3000, online: 500, onlinePercent: 14.3 });
    expect(after.days.filter((d) => d.orders > 0 || d.binds > 0)).toEqual([
      { day: '2026-10-22', binds: 0, orders: 1, sales: 500, pointsEarned: 10, pointsPaid: 0 },
      { day: '2026-11-20', binds: 1, orders: 0, sales: 0, pointsEarned: 0, pointsPaid: 0 },
      { day: '2026-11-28', binds: 0, orders: 1, sales: 1000, pointsEarned: 20, pointsPaid: 0 },
      { day: '2026-11-29', binds: 0, orders: 1, sales: 800, pointsEarned: 16, pointsPaid: 0 },
      { day: '2026-12-01', binds: 0, orders: 2, sales: 1200, pointsEarned: 32, pointsPaid: 0 },
    ]);
    expect(after.days).toHaveLength(62);
    // Earned 20 + 10 + 16 + 6 + 20 + 9 + 12, less the 8 the refund took back.
    expect(after.liability).toMatchObject({ points: 85, pointValue: 1, value: 85 });
    expect(after.coupons).toEqual({ issued: 2, claimed: 0, used: 0 });
    expect(after.stores.map((s) => [s.name, s.orders, s.sales])).toEqual([
      ['台北信義店', 5, 3500],
      ['高雄巨蛋店', 0, 0],
    ]);
  });

  it("takes the morning's snapshot of members, friends and expiring points, by home store", async () => {
    await today();
    await refreshSegmentFacts(f.engine, now);
    expect(await takeSnapshot(f.engine, now)).toBe(true);
    expect(await takeSnapshot(f.engine, now)).toBe(false);
    const brand = await readDashboard(f.engine, commandLine, all);
    expect(brand).toMatchObject({
      snapshotDay: '2026-12-01',
      members: { members: 5, friends: 3, blocked: 1, binds: 1 },
      // Ann, Cat and Eve (today) bought in the 30 days; Ann twice in the 90.
      active: { days30: 3, days90: 3 },
      repurchase: { buyers: 3, repeaters: 1, percent: 33.3 },
      // Dan's 9 points of July 2025 last to the end of 2026: past the next 30 days, within the next 90.
      liability: { expiring30: 0, expiring90: 9 },
    });
    const storeB = await readDashboard(f.engine, commandLine, { ...all, storeId: f.storeB });
    expect(storeB).toMatchObject({
      members: { members: 1, friends: 1, blocked: 0, binds: 1 },
      active: { days30: 0, days90: 0 },
      sales: { orders: 0, total: 0, onlinePercent: null },
    });
  });

  it('refuses a range that ends before it starts or is longer than a year, and staff without the right', async () => {
    const refused = (q: typeof all) =>
      readDashboard(f.engine, commandLine, q).catch((e: DomainError) => e.details);
    expect(await refused({ ...all, to: '2026-09-30' })).toEqual({ fields: { to: 'RANGE_INVALID' } });
    expect(await refused({ ...all, from: '2025-09-30' })).toEqual({ fields: { to: 'RANGE_INVALID' } });
    expect(await refused({ ...all, from: '2026-02-30' })).toEqual({ fields: { from: 'DATE_INVALID' } });
    const clerk = {
      staffId: 1,
      storeId: f.storeA,
      ip: null,
      may: { role: 'clerk' as const, storeIds: [f.storeA] },
    };
    await expect(readDashboard(f.engine, clerk, all)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
