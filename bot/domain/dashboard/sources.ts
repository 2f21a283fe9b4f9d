// What each append-only table adds to the dashboard's days (ADR 0034): rows with ids in (after, upTo], grouped by
// their Taipei day and store. The rollup adds them up to its watermarks; the dashboard's read adds those past them.
import { and, eq, gt, inArray, lte, max, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import {
  claimAttempts,
  coupons,
  members,
  pointsLedger,
  purchaseRefunds,
  purchases,
} from '../../../db/schema.ts';
import { dayOf } from '../campaigns/results-sales.ts';
import { TAIPEI_MS } from '../taipei-time.ts';

const DAY_MS = 86_400_000;

export const COUNTS = [
  'orders',
  'sales',
  'storeSales',
  'onlineSales',
  'pointsEarned',
  'pointsPaid',
  'pointsNet',
  'couponsIssued',
  'couponsClaimed',
  'couponsUsed',
  'binds',
] as const;
export type Count = (typeof COUNTS)[number];
export type DayCounts = Record<Count, number>;
/** `day|storeId` → what that day at that store adds. */
export type DayMap = Map<string, DayCounts>;

/** The ids each source is read up to. */
export interface Watermarks {
  ledger: number;
  purchase: number;
  refund: number;
  coupon: number;
  member: number;
  claim: number;
}

const zero = (): DayCounts => Object.fromEntries(COUNTS.map((c) => [c, 0])) as DayCounts;
const TAIPEI_EPOCH = new Date(-TAIPEI_MS);
export const dayName = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);
const num = (expr: SQL) => expr.mapWith(Number);
const sum = (expr: SQLWrapper | SQL) => num(sql`coalesce(sum(${expr}), 0)`);

function add(into: DayMap, day: number, storeId: number | null, counts: Partial<DayCounts>) {
  const key = `${dayName(day)}|${storeId ?? 0}`;
  const row = into.get(key) ?? zero();
  for (const [name, value] of Object.entries(counts)) row[name as Count] += Number(value);
  into.set(key, row);
}

/** The rows of every source with ids in (from, to], as days. */
export async function dayCounts(
  tx: Tx,
  dialect: Engine['dialect'],
  from: Watermarks,
  to: Watermarks,
): Promise<DayMap> {
  const out: DayMap = new Map();
  const day = (column: SQLWrapper) => dayOf(dialect, column, TAIPEI_EPOCH);
  const store = sql<number>`coalesce(${purchases.storeId}, 0)`.mapWith(Number);
  const between = (id: SQLWrapper, key: keyof Watermarks) => and(gt(id, from[key]), lte(id, to[key]));

  if (to.purchase > from.purchase) {
    const d = day(purchases.occurredAt);
    for (const r of await tx
      .select({
        d,
        store,
        orders: num(sql`count(*)`),
        sales: sum(purchases.amount),
        storeSales: sum(sql`case when ${purchases.channel} = 'store' then ${purchases.amount} else 0 end`),
        onlineSales: sum(sql`case when ${purchases.channel} = 'online' then ${purchases.amount} else 0 end`),
      })
      .from(purchases)
      .where(between(purchases.id, 'purchase'))
      .groupBy(d, store))
      add(out, r.d, r.store, r);
    for (const r of await tx
      .select({ d, store, couponsUsed: num(sql`count(*)`) })
      .from(purchases)
      .innerJoin(coupons, eq(coupons.purchaseId, purchases.id))
      .where(between(purchases.id, 'purchase'))
      .groupBy(d, store))
      add(out, r.d, r.store, r);
  }
  if (to.refund > from.refund) {
    const d = day(purchaseRefunds.occurredAt);
    const minus = (channel: string) =>
      sum(sql`case when ${purchases.channel} = ${channel} then -${purchaseRefunds.amount} else 0 end`);
    for (const r of await tx
      .select({
        d,
        store,
        orders: sum(sql`case when ${purchaseRefunds.isVoid} then -1 else 0 end`),
        sales: sum(sql`-${purchaseRefunds.amount}`),
        storeSales: minus('store'),
        onlineSales: minus('online'),
      })
      .from(purchaseRefunds)
      .innerJoin(purchases, eq(purchases.id, purchaseRefunds.purchaseId))
      .where(between(purchaseRefunds.id, 'refund'))
      .groupBy(d, store))
      add(out, r.d, r.store, r);
  }
  if (to.ledger > from.ledger) {
    const d = day(pointsLedger.occurredAt);
    const ledgerStore = sql<number>`coalesce(${pointsLedger.storeId}, 0)`.mapWith(Number);
    for (const r of await tx
      .select({
        d,
        store: ledgerStore,
        pointsEarned: sum(
          sql`case when ${pointsLedger.kind} = 'earn' then ${pointsLedger.points} else 0 end`,
        ),
        pointsPaid: sum(
          sql`case when ${pointsLedger.kind} in ('redeem', 'exchange') then -${pointsLedger.points} else 0 end`,
        ),
        pointsNet: sum(pointsLedger.points),
      })
      .from(pointsLedger)
      .where(between(pointsLedger.id, 'ledger'))
      .groupBy(d, ledgerStore))
      add(out, r.d, r.store, r);
  }
  if (to.coupon > from.coupon) {
    const d = day(coupons.issuedAt);
    for (const r of await tx
      .select({
        d,
        couponsIssued: num(sql`count(*)`),
        couponsClaimed: sum(
          sql`case when ${coupons.how} in ('claim', 'lottery', 'points') then 1 else 0 end`,
        ),
      })
      .from(coupons)
      .where(between(coupons.id, 'coupon'))
      .groupBy(d))
      add(out, r.d, 0, r);
  }
  if (to.member > from.member) {
    const d = day(members.boundAt);
    const home = sql<number>`coalesce(${members.homeStoreId}, 0)`.mapWith(Number);
    for (const r of await tx
      .select({ d, store: home, binds: num(sql`count(*)`) })
      .from(members)
      .where(
        and(between(members.id, 'member'), eq(members.source, 'line'), sql`${members.boundAt} is not null`),
      )
      .groupBy(d, home))
      add(out, r.d, r.store, r);
  }
  if (to.claim > from.claim) {
    const d = day(claimAttempts.at);
    const home = sql<number>`coalesce(${members.homeStoreId}, 0)`.mapWith(Number);
    for (const r of await tx
      .select({ d, store: home, binds: num(sql`count(*)`) })
      .from(claimAttempts)
      .leftJoin(members, eq(members.phone, claimAttempts.phone))
      .where(
        and(
          between(claimAttempts.id, 'claim'),
          eq(claimAttempts.succeeded, true),
          inArray(claimAttempts.kind, ['birthday', 'claim_code']),
        ),
      )
      .groupBy(d, home))
      add(out, r.d, r.store, r);
  }
  return out;
}

/** The highest id of every source now. */
export async function topIds(tx: Tx): Promise<Watermarks> {
  const top = (rows: { id: number | null }[]) => rows[0]?.id ?? 0;
  return {
    ledger: top(await tx.select({ id: max(pointsLedger.id) }).from(pointsLedger)),
    purchase: top(await tx.select({ id: max(purchases.id) }).from(purchases)),
    refund: top(await tx.select({ id: max(purchaseRefunds.id) }).from(purchaseRefunds)),
    coupon: top(await tx.select({ id: max(coupons.id) }).from(coupons)),
    member: top(await tx.select({ id: max(members.id) }).from(members)),
    claim: top(await tx.select({ id: max(claimAttempts.id) }).from(claimAttempts)),
  };
}
