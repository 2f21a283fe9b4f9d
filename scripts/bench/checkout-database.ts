// What bench:checkout reads from the database, with the same queries on either engine: before the load, a store,
// members to buy for and the policy; after it, what the run stored, to check it against what was acknowledged.
import { and, asc, count, eq, gt, inArray, max, sql } from 'drizzle-orm';
import { currentPolicy } from '../../bot/domain/points-policy.ts';
import type { Engine, Tx } from '../../db/engine.ts';
import {
  lineFriends,
  memberNotices,
  members,
  pointLots,
  pointsLedger,
  purchases,
  stores,
} from '../../db/schema.ts';
import type { Member, Stored } from './checkout-setting.ts';

/** Ids in a list of their own per query, so that no statement holds more parameters than an engine allows. */
const CHUNK = 1_000;
const chunks = <T>(items: T[]) =>
  Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/** The highest ids before the run: what the run adds comes after them. */
export type Marks = { purchase: number; ledger: number; notice: number };

const highest = async (tx: Tx) => {
  const [purchase] = await tx.select({ id: max(purchases.id) }).from(purchases);
  const [entry] = await tx.select({ id: max(pointsLedger.id) }).from(pointsLedger);
  const [notice] = await tx.select({ id: max(memberNotices.id) }).from(memberNotices);
  return { purchase: purchase?.id ?? 0, ledger: entry?.id ?? 0, notice: notice?.id ?? 0 };
};

/**
 * The first active store; up to `pool` random active members, with the language of those who are LINE friends;
 * the points policy; the notices still pending; and the marks the run is counted from.
 */
export function benchSetting(engine: Engine, pool: number) {
  return engine.read(async (tx) => {
    const [store] = await tx
      .select({ id: stores.id })
      .from(stores)
      .where(eq(stores.active, true))
      .orderBy(asc(stores.id))
      .limit(1);
    if (!store) throw new Error('The database has no store: seed it (npm run seed:scale)');
    const [top] = await tx.select({ id: max(members.id) }).from(members);
    const maxId = top?.id ?? 0;
    const ids = new Set<number>();
    while (ids.size < Math.min(pool, maxId)) ids.add(1 + Math.floor(Math.random() * maxId));
    const drawn: (Member & { lineUserId: string | null; language: string | null })[] = [];
    for (const chunk of chunks([...ids])) {
      const friend = and(eq(lineFriends.lineUserId, members.lineUserId), eq(lineFriends.status, 'friend'));
      drawn.push(
        ...(await tx
          .select({
            id: members.id,
            balance: members.pointsBalance,
            memberNumber: members.memberNumber,
            cardId: members.cardId,
            cardSecret: members.cardSecret,
            lineUserId: members.lineUserId,
            language: lineFriends.language,
          })
          .from(members)
          .leftJoin(lineFriends, friend)
          .where(and(inArray(members.id, chunk), eq(members.status, 'active')))),
      );
    }
    const [pending] = await tx
      .select({ n: count() })
      .from(memberNotices)
      .where(eq(memberNotices.status, 'pending'));
    return {
      storeId: store.id,
      members: drawn,
      policy: await currentPolicy(tx),
      backlog: pending!.n,
      marks: await highest(tx),
    };
  });
}

/** Each member's points by member id: `total` summed over the rows of `table` whose member is in `ids`. */
async function sumsByMember(
  tx: Tx,
  ids: number[],
  of: typeof pointsLedger | typeof pointLots,
): Promise<Map<number, number>> {
  const total = of === pointsLedger ? pointsLedger.points : pointLots.remaining;
  const rows = await tx
    .select({ member: of.memberId, sum: sql<number>`coalesce(sum(${total}), 0)`.mapWith(Number) })
    .from(of)
    .where(inArray(of.memberId, ids))
    .groupBy(of.memberId);
  return new Map(rows.map((row) => [row.member, row.sum]));
}

/**
 * The run's purchases (receipts `${run}-<n>`, after the marks), how many have their earn entry, the touched
 * members whose balance differs from their ledger's sum or their lots' remaining points, and the run's notices
 * by status.
 */
export function whatWasStored(engine: Engine, run: string, marks: Marks): Promise<Omit<Stored, 'drainMs'>> {
  return engine.read(async (tx) => {
    const made = (
      await tx
        .select({
          key: purchases.idempotencyKey,
          id: purchases.id,
          member: purchases.memberId,
          reference: purchases.reference,
        })
        .from(purchases)
        .where(gt(purchases.id, marks.purchase))
    ).filter((purchase) => purchase.reference.startsWith(`${run}-`));
    const earnKeys = await tx
      .select({ key: pointsLedger.idempotencyKey })
      .from(pointsLedger)
      .where(and(gt(pointsLedger.id, marks.ledger), eq(pointsLedger.kind, 'earn')));
    const earned = new Set(earnKeys.map((entry) => entry.key));
    const touched = [...new Set(made.map((purchase) => purchase.member))];
    const unequal: number[] = [];
    for (const chunk of chunks(touched)) {
      const balances = await tx
        .select({ id: members.id, balance: members.pointsBalance })
        .from(members)
        .where(inArray(members.id, chunk));
      const ledger = await sumsByMember(tx, chunk, pointsLedger);
      const lots = await sumsByMember(tx, chunk, pointLots);
      for (const { id, balance } of balances) {
        if (balance !== (ledger.get(id) ?? 0) || balance !== (lots.get(id) ?? 0)) unequal.push(id);
      }
    }
    const ids = new Set(made.map((purchase) => purchase.id));
    const notices: Record<string, number> = {};
    const written = await tx
      .select({ status: memberNotices.status, data: memberNotices.data })
      .from(memberNotices)
      .where(gt(memberNotices.id, marks.notice));
    for (const { status, data } of written) {
      if ('purchaseId' in data && ids.has(data.purchaseId)) notices[status] = (notices[status] ?? 0) + 1;
    }
    return {
      purchases: made.map(({ key, id }): [string, number] => [key, id]),
      earnEntries: made.filter((purchase) => earned.has(`purchase:${purchase.id}:earn`)).length,
      members: touched.length,
      unequal,
      notices,
    };
  });
}
