// Keeps dashboard_days current (ADR 0034): every few minutes each instance adds the rows committed since, in short
// chunks (a read, then one write that also moves the watermarks), so a catch-up over ten million rows never holds
// the database or the event loop for long. Once a Taipei day it takes the morning's snapshot (snapshot.ts).
import { eq, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { dashboardDays, dashboardState } from '../../../db/schema.ts';
import { rollCampaignSales } from './campaign-rollup.ts';
import { COUNTS, type DayMap, dayCounts, topIds, type Watermarks } from './sources.ts';

/**
 * Ids of each source per chunk. On SQLite a read runs on the event loop (better-sqlite3 is synchronous): 50,000
 * ids held it about a second on the 1M-member seed, which the counter's p99 felt; 5,000 keep a chunk's read and
 * write to milliseconds (bench:dashboard prints the longest).
 */
const CHUNK = 5_000;
const INSERT_ROWS = 500;
const NONE: Watermarks = { ledger: 0, purchase: 0, refund: 0, coupon: 0, member: 0, claim: 0 };
const KEYS = Object.keys(NONE) as (keyof Watermarks)[];

/**
 * The highest ids each engine's previous roll saw. A roll goes no further than those: a PostgreSQL id is handed out
 * before its transaction commits, so a higher id may be visible while a lower one is not yet; a minute later every
 * transaction that held one has ended. Rows above the watermarks are read live, so nothing is missed meanwhile.
 */
const seenBefore = new WeakMap<Engine, Watermarks>();

export async function watermarksOf(tx: Tx): Promise<Watermarks> {
  const [s] = await tx.select().from(dashboardState).where(eq(dashboardState.id, 1));
  if (!s) return NONE;
  return {
    ledger: s.ledgerWatermark,
    purchase: s.purchaseWatermark,
    refund: s.refundWatermark,
    coupon: s.couponWatermark,
    member: s.memberWatermark,
    claim: s.claimWatermark,
  };
}

const same = (a: Watermarks, b: Watermarks) => KEYS.every((k) => a[k] === b[k]);

async function addDays(tx: Tx, days: DayMap) {
  const rows = [...days].map(([key, counts]) => {
    const [day, store] = key.split('|');
    return { day: day!, storeId: Number(store), ...counts };
  });
  const set = Object.fromEntries(
    COUNTS.map((c) => [c, sql`${dashboardDays[c]} + excluded.${sql.identifier(dashboardDays[c].name)}`]),
  );
  for (let i = 0; i < rows.length; i += INSERT_ROWS)
    await tx
      .insert(dashboardDays)
      .values(rows.slice(i, i + INSERT_ROWS))
      .onConflictDoUpdate({ target: [dashboardDays.day, dashboardDays.storeId], set });
}

/**
 * Adds to dashboard_days, and to the shown campaigns' sums (campaign-rollup.ts), the rows up to the ids the
 * previous roll saw, CHUNK ids of each source at a time, and notes the ids seen now for the next roll. Idempotent
 * and safe beside another instance's roll: each chunk's write moves the watermarks only from the ones its read
 * started at, else it stops. Answers the chunks written.
 */
export async function rollDashboard(engine: Engine, now: Date): Promise<number> {
  const seen = await engine.read(topIds);
  const target = seenBefore.get(engine);
  seenBefore.set(engine, seen);
  if (!target) return 0;
  return (await rollDays(engine, target, now)) + (await rollCampaignSales(engine, target, now));
}

async function rollDays(engine: Engine, target: Watermarks, now: Date): Promise<number> {
  let chunks = 0;
  for (;;) {
    const from = await engine.read(watermarksOf);
    const to = Object.fromEntries(
      KEYS.map((k) => [k, Math.max(from[k], Math.min(target[k], from[k] + CHUNK))]),
    ) as unknown as Watermarks;
    if (same(from, to)) return chunks;
    const days = await engine.read((tx) => dayCounts(tx, engine.dialect, from, to));
    const moved = await engine.write(async (tx) => {
      if (!same(await watermarksOf(tx), from)) return false;
      await addDays(tx, days);
      const marks = {
        ledgerWatermark: to.ledger,
        purchaseWatermark: to.purchase,
        refundWatermark: to.refund,
        couponWatermark: to.coupon,
        memberWatermark: to.member,
        claimWatermark: to.claim,
        rolledAt: now,
      };
      await tx
        .insert(dashboardState)
        .values({ id: 1, ...marks })
        .onConflictDoUpdate({ target: dashboardState.id, set: marks });
      return true;
    });
    if (!moved) return chunks;
    chunks += 1;
    // Requests go first between chunks.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
