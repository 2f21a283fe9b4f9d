// The range's sums of days (ADR 0034): the rollup summed by the database, by day for the store asked (or all) and
// by store, plus the rows past the watermarks read live; and the points outstanding. A year of 50 stores is some
// 18,000 rollup rows: summed in SQL, the read takes a few hundred rows instead of all of them.
import { and, eq, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { dashboardDays } from '../../../db/schema.ts';
import { watermarksOf } from './rollup.ts';
import { COUNTS, type Count, type DayCounts, dayCounts, type Watermarks } from './sources.ts';

/** Beyond any id: the live part reads every row above the watermarks. */
const TOP_ID = 2 ** 31 - 1;
const TOP: Watermarks = {
  ledger: TOP_ID,
  purchase: TOP_ID,
  refund: TOP_ID,
  coupon: TOP_ID,
  member: TOP_ID,
  claim: TOP_ID,
};

export interface RangeCounts {
  /** Day (YYYY-MM-DD) → what the store asked (or every store) adds that day. */
  byDay: Map<string, DayCounts>;
  /** Store (0: none) → what it adds over the range. */
  byStore: Map<number, DayCounts>;
  /** Every ledger entry's points added up: what members hold. */
  points: number;
}

const d = dashboardDays;
const sums = Object.fromEntries(
  COUNTS.map((c) => [c, sql<number>`coalesce(sum(${d[c]}), 0)`.mapWith(Number)]),
) as Record<Count, SQL<number>>;

function add<K>(into: Map<K, DayCounts>, key: K, counts: DayCounts) {
  const row = into.get(key);
  if (!row) into.set(key, { ...counts });
  else for (const c of COUNTS) row[c] += counts[c];
}

export async function rangeCounts(
  tx: Tx,
  dialect: Engine['dialect'],
  q: { from: string; to: string; storeId: number | null },
): Promise<RangeCounts> {
  const marks = await watermarksOf(tx);
  const inRange = and(gte(d.day, q.from), lte(d.day, q.to));
  const asked = q.storeId === null ? inRange : and(inRange, eq(d.storeId, q.storeId));
  const byDay = new Map<string, DayCounts>();
  for (const { day, ...counts } of await tx
    .select({ day: d.day, ...sums })
    .from(d)
    .where(asked)
    .groupBy(d.day))
    byDay.set(day, counts);
  const byStore = new Map<number, DayCounts>();
  for (const { storeId, ...counts } of await tx
    .select({ storeId: d.storeId, ...sums })
    .from(d)
    .where(inRange)
    .groupBy(d.storeId))
    byStore.set(storeId, counts);
  const [net] = await tx.select({ points: sums.pointsNet }).from(d);
  let points = net?.points ?? 0;
  for (const [key, counts] of await dayCounts(tx, dialect, marks, TOP)) {
    points += counts.pointsNet;
    const day = key.slice(0, 10);
    const storeId = Number(key.slice(11));
    if (day < q.from || day > q.to) continue;
    add(byStore, storeId, counts);
    if (q.storeId === null || q.storeId === storeId) add(byDay, day, counts);
  }
  return { byDay, byStore, points };
}
