// The marketer's dashboard (issue 16, point 3; ADR 0034): every figure is read off the daily rollup and the
// morning's snapshot, plus the rows committed since the rollup's watermarks, so a range of a year over ten million
// ledger rows reads a few thousand small rows.
import { and, count, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import {
  campaignBatches,
  campaignClicks,
  campaigns,
  dashboardState,
  dashboardStoreMembers,
  stores,
} from '../../../db/schema.ts';
import type { Actor } from '../actor.ts';
import { uplift } from '../campaigns/results-sales.ts';
import { InvalidFields } from '../errors.ts';
import { ensureCan } from '../permissions.ts';
import { currentPolicy } from '../points-policy.ts';
import { taipeiDate } from '../taipei-time.ts';
import { STARTED } from './campaign-rollup.ts';
import { campaignSums, type RecentCampaign } from './campaign-sales.ts';
import type { DashboardWorker } from './off-loop.ts';
import { type RangeCounts, rangeCounts } from './range.ts';
import { COUNTS, type DayCounts } from './sources.ts';

const DAY_MS = 86_400_000;
export const MAX_DAYS = 366;
const RECENT_CAMPAIGNS = 5;
const yield_ = () => new Promise((resolve) => setImmediate(resolve));
export interface DashboardQuery {
  /** Taipei days, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  storeId: number | null;
}

export interface DashboardDay {
  day: string;
  binds: number;
  orders: number;
  sales: number;
  pointsEarned: number;
  pointsPaid: number;
}

export interface Dashboard {
  from: string;
  to: string;
  storeId: number | null;
  /** The Taipei day of the members' and the expiring points' snapshot (null before the first). */
  snapshotDay: string | null;
  members: { members: number; friends: number; blocked: number; binds: number };
  active: { days30: number; days90: number };
  /** Of the members who bought in the 90 days before the snapshot, those who bought twice or more. */
  repurchase: { buyers: number; repeaters: number; percent: number | null };
  liability: { points: number; pointValue: number; value: number; expiring30: number; expiring90: number };
  coupons: { issued: number; claimed: number; used: number };
  sales: { orders: number; total: number; inStore: number; online: number; onlinePercent: number | null };
  days: DashboardDay[];
  stores: { storeId: number; name: string; orders: number; sales: number; pointsEarned: number }[];
  campaigns: {
    id: number;
    name: string;
    startedAt: string;
    delivered: number;
    clicks: number;
    uplift: number | null;
    upliftPercent: number | null;
  }[];
}

/**
 * A recent campaign's figures as its results page has them (campaignResults, 14 days from its start): delivered
 * (members of its sent batches), link opens, and the uplift from its kept sums plus what came since.
 */
async function recentCampaign(
  tx: Tx,
  c: RecentCampaign & { name: string },
): Promise<Dashboard['campaigns'][0]> {
  const [delivered] = await tx
    .select({ n: sql<number>`coalesce(sum(${campaignBatches.size}), 0)`.mapWith(Number) })
    .from(campaignBatches)
    .where(and(eq(campaignBatches.campaignId, c.id), eq(campaignBatches.status, 'sent')));
  const [clicks] = await tx
    .select({ n: count() })
    .from(campaignClicks)
    .where(eq(campaignClicks.campaignId, c.id));
  const s = await campaignSums(tx, c);
  return {
    id: c.id,
    name: c.name,
    startedAt: c.startedAt.toISOString(),
    delivered: delivered?.n ?? 0,
    clicks: clicks?.n ?? 0,
    ...uplift({
      recipients: { members: s.recipients, total: s.recipientsSales },
      holdout: { members: s.heldOut, total: s.holdoutSales },
    }),
  };
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part * 1000) / whole) / 10 : null);

function checkQuery(q: DashboardQuery) {
  const problems: Record<string, string> = {};
  const valid = (day: string) =>
    /^\d{4}-\d{2}-\d{2}$/.test(day) && taipeiDate(new Date(`${day}T00:00:00+08:00`)) === day;
  if (!valid(q.from)) problems.from = 'DATE_INVALID';
  if (!valid(q.to)) problems.to = 'DATE_INVALID';
  else if (valid(q.from) && (q.to < q.from || Date.parse(q.to) - Date.parse(q.from) >= MAX_DAYS * DAY_MS))
    problems.to = 'RANGE_INVALID';
  if (Object.keys(problems).length > 0) throw new InvalidFields(problems);
}

/** The snapshot's figures, the policy, the stores' names and the campaigns started in the range. */
async function rangeNeighbours(tx: Tx, q: DashboardQuery) {
  const [state] = await tx.select().from(dashboardState).where(eq(dashboardState.id, 1));
  const people = await tx.select().from(dashboardStoreMembers);
  const policy = await currentPolicy(tx);
  const names = await tx.select({ id: stores.id, name: stores.name }).from(stores);
  const started = await tx
    .select({ id: campaigns.id, name: campaigns.name, startedAt: campaigns.startedAt })
    .from(campaigns)
    .where(
      and(
        inArray(campaigns.status, [...STARTED]),
        gte(campaigns.startedAt, new Date(Date.parse(`${q.from}T00:00:00+08:00`))),
        lte(campaigns.startedAt, new Date(Date.parse(`${q.to}T00:00:00+08:00`) + DAY_MS - 1)),
      ),
    )
    .orderBy(desc(campaigns.startedAt))
    .limit(RECENT_CAMPAIGNS);
  return { state, people, policy, names, started };
}

/**
 * The dashboard over `from`…`to` (Taipei days), all stores or one. dashboard.read. With `offLoop` (SQLite, a
 * database file) the figures are read on its worker thread, the permission and the query checked here first.
 */
export async function readDashboard(
  engine: Engine,
  actor: Actor,
  q: DashboardQuery,
  offLoop?: DashboardWorker,
): Promise<Dashboard> {
  ensureCan(actor, 'dashboard.read');
  checkQuery(q);
  return offLoop ? offLoop.read(q) : readFigures(engine, q);
}

/**
 * The figures, for a query already checked and allowed: here, or on the dashboard's worker (read-worker.ts),
 * which reads them `whole`, on one snapshot, as no request waits on its thread.
 */
export async function readFigures(
  engine: Engine,
  q: DashboardQuery,
  { whole = engine.dialect === 'postgres' } = {},
): Promise<Dashboard> {
  // On SQLite a read holds the event loop: the parts (the range's days; the snapshot, names and campaign list;
  // each campaign) go on snapshots of their own, requests first between them, as the counter's p99 feels one
  // long hold more than a few short ones. On PostgreSQL a read holds one of the pool's connections, which the
  // counter's requests queue for: there it is one read (bench:dashboard).
  const parts = async (tx: Tx | null) => {
    const on = <T>(work: (tx: Tx) => Promise<T>) => (tx ? work(tx) : engine.read(work));
    const pause = () => (tx ? Promise.resolve() : yield_());
    const counts = await on((t) => rangeCounts(t, engine.dialect, q));
    await pause();
    const rest = await on((t) => rangeNeighbours(t, q));
    const recent = [];
    for (const c of rest.started) {
      if (!c.startedAt) continue;
      await pause();
      recent.push(await on((t) => recentCampaign(t, { ...c, startedAt: c.startedAt! })));
    }
    return { ...counts, ...rest, recent };
  };
  const read = whole ? await engine.read((tx) => parts(tx)) : await parts(null);
  return shape(q, read);
}

/** What the read took from the database, shaped by `shape`. */
interface Read extends RangeCounts {
  state: typeof dashboardState.$inferSelect | undefined;
  people: (typeof dashboardStoreMembers.$inferSelect)[];
  policy: { pointValue: number };
  names: { id: number; name: string }[];
  recent: Dashboard['campaigns'];
}

function shape(q: DashboardQuery, r: Read): Dashboard {
  const inStore = (storeId: number) => q.storeId === null || q.storeId === storeId;
  const total = Object.fromEntries(COUNTS.map((c) => [c, 0])) as DayCounts;
  for (const counts of r.byDay.values()) for (const c of COUNTS) total[c] += counts[c];
  // Coupons are issued to members, not by a store: the funnel's first two steps are the brand's.
  let issued = 0;
  let claimed = 0;
  const perStore = new Map<number, { orders: number; sales: number; pointsEarned: number }>();
  for (const [storeId, s] of r.byStore) {
    issued += s.couponsIssued;
    claimed += s.couponsClaimed;
    if (storeId !== 0)
      perStore.set(storeId, { orders: s.orders, sales: s.sales, pointsEarned: s.pointsEarned });
  }
  const perDay = new Map<string, DashboardDay>();
  for (const [day, c] of r.byDay) {
    const { binds, orders, sales, pointsEarned, pointsPaid } = c;
    perDay.set(day, { day, binds, orders, sales, pointsEarned, pointsPaid });
  }
  const days: DashboardDay[] = [];
  for (let t = Date.parse(q.from); t <= Date.parse(q.to); t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.push(perDay.get(day) ?? { day, binds: 0, orders: 0, sales: 0, pointsEarned: 0, pointsPaid: 0 });
  }
  const people = r.people.filter((s) => inStore(s.storeId));
  const sumOf = (k: 'members' | 'friends' | 'blocked' | 'active30' | 'active90' | 'repeat90') =>
    people.reduce((n, s) => n + s[k], 0);
  const names = new Map(r.names.map((s) => [s.id, s.name]));
  const pointValue = r.policy.pointValue;
  return {
    ...q,
    snapshotDay: r.state?.snapshotDay ?? null,
    members: {
      members: sumOf('members'),
      // The brand's LINE friends include those who have not joined; a store's are its members'.
      friends: q.storeId === null ? (r.state?.friends ?? 0) : sumOf('friends'),
      blocked: q.storeId === null ? (r.state?.blocked ?? 0) : sumOf('blocked'),
      binds: total.binds,
    },
    active: { days30: sumOf('active30'), days90: sumOf('active90') },
    repurchase: {
      buyers: sumOf('active90'),
      repeaters: sumOf('repeat90'),
      percent: percent(sumOf('repeat90'), sumOf('active90')),
    },
    liability: {
      points: r.points,
      pointValue,
      value: r.points * pointValue,
      expiring30: r.state?.expiring30 ?? 0,
      expiring90: r.state?.expiring90 ?? 0,
    },
    coupons: { issued, claimed, used: total.couponsUsed },
    sales: {
      orders: total.orders,
      total: total.sales,
      inStore: total.storeSales,
      online: total.onlineSales,
      onlinePercent: percent(total.onlineSales, total.storeSales + total.onlineSales),
    },
    days,
    stores: [...perStore]
      .map(([storeId, s]) => ({ storeId, name: names.get(storeId) ?? String(storeId), ...s }))
      .sort((a, b) => b.sales - a.sales || a.storeId - b.storeId),
    campaigns: r.recent,
  };
}
