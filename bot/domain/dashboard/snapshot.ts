// The morning's snapshot (ADR 0034): what is not a sum of days. LINE friends and blocked accounts, the points that
// expire in the next 30 and 90 days, and members by home store from the segments' facts. Read in short chunks
// once a Taipei day, so that it never holds the event loop for long.
import { and, asc, gt, gte, lt, lte, sql } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import {
  dashboardState,
  dashboardStoreMembers,
  lineFriends,
  memberFacts,
  pointLots,
} from '../../../db/schema.ts';
import { TAIPEI_MS, taipeiDate } from '../taipei-time.ts';
import { watermarksOf } from './rollup.ts';

const DAY_MS = 86_400_000;
/** Rows a chunk reads: 50,000 held the event loop some 230 ms on the 1M-member seed, 10,000 a fifth of that. */
const CHUNK = 10_000;
type StoreRow = typeof dashboardStoreMembers.$inferInsert;
const n = (value: unknown) => Number(value ?? 0);
const count = (expr: ReturnType<typeof sql>) =>
  sql<number>`coalesce(sum(case when ${expr} then 1 else 0 end), 0)`;
const yield_ = () => new Promise((resolve) => setImmediate(resolve));

async function friendCounts(engine: Engine) {
  let friends = 0;
  let blocked = 0;
  for (let after = ''; ; ) {
    const rows = await engine.read((tx) =>
      tx
        .select({ id: lineFriends.lineUserId, status: lineFriends.status })
        .from(lineFriends)
        .where(gt(lineFriends.lineUserId, after))
        .orderBy(asc(lineFriends.lineUserId))
        .limit(CHUNK),
    );
    for (const r of rows) r.status === 'friend' ? friends++ : blocked++;
    if (rows.length < CHUNK) return { friends, blocked };
    after = rows.at(-1)!.id;
    await yield_();
  }
}

async function expiring(engine: Engine, now: Date, dayStart: number) {
  const [top] = await engine.read((tx) =>
    tx.select({ id: sql<number>`max(${pointLots.id})` }).from(pointLots),
  );
  let in30 = 0;
  let in90 = 0;
  const soon = (days: number) => new Date(dayStart + (days + 1) * DAY_MS);
  // Each chunk is a range of ids. SQLite would rather walk the index of lots due (every lot due in 90 days, for
  // each chunk): the unary plus keeps it off that index (its times are milliseconds).
  const due =
    engine.dialect === 'sqlite'
      ? (at: Date) =>
          sql`+${pointLots.expiresAt} >= ${now.getTime()} and +${pointLots.expiresAt} < ${at.getTime()}`
      : (at: Date) => and(gte(pointLots.expiresAt, now), lt(pointLots.expiresAt, at));
  for (let from = 0; from < n(top?.id); from += CHUNK) {
    const [row] = await engine.read((tx) =>
      tx
        .select({
          in30: sql`coalesce(sum(case when ${lt(pointLots.expiresAt, soon(30))} then ${pointLots.remaining} end), 0)`,
          in90: sql`coalesce(sum(${pointLots.remaining}), 0)`,
        })
        .from(pointLots)
        .where(
          and(
            gt(pointLots.id, from),
            lte(pointLots.id, from + CHUNK),
            gt(pointLots.remaining, 0),
            due(soon(90)),
          ),
        ),
    );
    in30 += n(row?.in30);
    in90 += n(row?.in90);
    await yield_();
  }
  return { expiring30: in30, expiring90: in90 };
}

async function membersByStore(engine: Engine): Promise<StoreRow[]> {
  const [top] = await engine.read((tx) =>
    tx.select({ id: sql<number>`max(${memberFacts.memberId})` }).from(memberFacts),
  );
  const byStore = new Map<number, StoreRow>();
  const f = memberFacts;
  for (let from = 0; from < n(top?.id); from += CHUNK) {
    const rows = await engine.read((tx) =>
      tx
        .select({
          store: sql<number>`coalesce(${f.homeStoreId}, 0)`,
          members: count(sql`${f.active}`),
          friends: count(sql`${f.active} and ${f.friend}`),
          blocked: count(sql`${f.active} and ${f.blocked}`),
          active30: count(sql`${f.active} and ${f.purchases30} > 0`),
          active90: count(sql`${f.active} and ${f.purchases90} > 0`),
          repeat90: count(sql`${f.active} and ${f.purchases90} > 1`),
        })
        .from(f)
        .where(and(gt(f.memberId, from), lte(f.memberId, from + CHUNK)))
        .groupBy(sql`coalesce(${f.homeStoreId}, 0)`),
    );
    for (const r of rows) {
      const storeId = n(r.store);
      const into = byStore.get(storeId) ?? {
        storeId,
        members: 0,
        friends: 0,
        blocked: 0,
        active30: 0,
        active90: 0,
        repeat90: 0,
      };
      for (const k of ['members', 'friends', 'blocked', 'active30', 'active90', 'repeat90'] as const)
        into[k] += n(r[k]);
      byStore.set(storeId, into);
    }
    await yield_();
  }
  return [...byStore.values()];
}

/** Takes the morning's snapshot unless today's is taken. Answers whether it took one. */
export async function takeSnapshot(engine: Engine, now: Date): Promise<boolean> {
  const today = taipeiDate(now);
  const [state] = await engine.read((tx) => tx.select().from(dashboardState));
  if (state?.snapshotDay === today) return false;
  const dayStart = Date.parse(today) - TAIPEI_MS;
  const friends = await friendCounts(engine);
  const lots = await expiring(engine, now, dayStart);
  const stores = await membersByStore(engine);
  await engine.write(async (tx) => {
    const marks = await watermarksOf(tx);
    const snapshot = { snapshotDay: today, ...friends, ...lots };
    await tx
      .insert(dashboardState)
      .values({
        id: 1,
        ledgerWatermark: marks.ledger,
        purchaseWatermark: marks.purchase,
        refundWatermark: marks.refund,
        couponWatermark: marks.coupon,
        memberWatermark: marks.member,
        claimWatermark: marks.claim,
        rolledAt: now,
        ...snapshot,
      })
      .onConflictDoUpdate({ target: dashboardState.id, set: snapshot });
    await tx.delete(dashboardStoreMembers);
    if (stores.length > 0) await tx.insert(dashboardStoreMembers).values(stores);
  });
  return true;
}
