// member_facts: one narrow row per member with what segments ask about, rebuilt in batches (ADR 0028).
import { and, asc, eq, gte, lt, lte, max, notInArray, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { lineFriends, memberFacts, members, purchases, segmentFactsState } from '../../../db/schema.ts';
import { TAIPEI_MS, taipeiDate } from '../taipei-time.ts';
import { WINDOWS } from './rules.ts';

const DAY = 86_400_000;
const BATCH = 10_000;
const INSERT_ROWS = 1_000;

export interface FactsState {
  asOfDay: string;
  purchaseWatermark: number;
  refreshedAt: Date;
}

/** How far the facts go, or null before the first refresh (every member then counts as having no facts). */
export async function factsState(tx: Tx): Promise<FactsState | null> {
  const [state] = await tx.select().from(segmentFactsState).where(eq(segmentFactsState.id, 1));
  return state ?? null;
}

/** Each member's purchases up to the watermark in `[from, to)` ids: last times and the windows' counts and spends. */
function purchaseRollup(tx: Tx, from: number, to: number, watermark: number, dayStart: number) {
  const at = purchases.occurredAt;
  const paid = sql`(${purchases.amount} - ${purchases.refundedAmount})`;
  const since = (days: number) => sql`${at} >= ${sql.param(new Date(dayStart - days * DAY), at)}`;
  const windows = Object.fromEntries(
    WINDOWS.flatMap((days) => [
      [`n${days}`, sql<number>`sum(case when ${since(days)} then 1 else 0 end)`.mapWith(Number)],
      [`s${days}`, sql<number>`sum(case when ${since(days)} then ${paid} else 0 end)`.mapWith(Number)],
    ]),
  ) as Record<string, SQLNumber>;
  return tx
    .select({
      memberId: purchases.memberId,
      last: max(at),
      lastStore: sql<Date | null>`max(case when ${purchases.channel} = 'store' then ${at} end)`.mapWith(at),
      lastOnline: sql<Date | null>`max(case when ${purchases.channel} = 'online' then ${at} end)`.mapWith(at),
      ...windows,
    })
    .from(purchases)
    .where(
      and(
        gte(purchases.memberId, from),
        lt(purchases.memberId, to),
        lte(purchases.id, watermark),
        notInArray(purchases.status, ['voided', 'refunded']),
      ),
    )
    .groupBy(purchases.memberId);
}
type SQLNumber = ReturnType<typeof sql<number>>;

/** The facts of members with ids in `[from, to)`. */
async function factsOf(tx: Tx, from: number, to: number, watermark: number, dayStart: number) {
  const people = await tx
    .select({
      id: members.id,
      status: members.status,
      tierCode: members.tierCode,
      homeStoreId: members.homeStoreId,
      birthday: members.birthday,
      gender: members.gender,
      joinedAt: members.joinedAt,
      pointsBalance: members.pointsBalance,
      marketingOptIn: members.marketingOptIn,
      friendStatus: lineFriends.status,
    })
    .from(members)
    .leftJoin(lineFriends, eq(lineFriends.lineUserId, members.lineUserId))
    .where(and(gte(members.id, from), lt(members.id, to)))
    .orderBy(asc(members.id));
  const rolled = new Map(
    (await purchaseRollup(tx, from, to, watermark, dayStart)).map((row) => [row.memberId, row]),
  );
  return people.map((m) => {
    const p = rolled.get(m.id) as
      | (Record<string, number> & { last: Date | null; lastStore: Date | null; lastOnline: Date | null })
      | undefined;
    const n = (key: string) => Number(p?.[key] ?? 0);
    return {
      memberId: m.id,
      active: m.status === 'active',
      tierCode: m.tierCode,
      homeStoreId: m.homeStoreId,
      birthday: m.birthday,
      birthMonth: m.birthday ? Number(m.birthday.slice(5, 7)) : null,
      gender: m.gender,
      joinedAt: m.joinedAt,
      pointsBalance: m.pointsBalance,
      marketingOptIn: m.marketingOptIn,
      friend: m.friendStatus === 'friend',
      blocked: m.friendStatus === 'blocked',
      lastPurchaseAt: p?.last ?? null,
      lastStorePurchaseAt: p?.lastStore ?? null,
      lastOnlinePurchaseAt: p?.lastOnline ?? null,
      purchases7: n('n7'),
      spend7: n('s7'),
      purchases30: n('n30'),
      spend30: n('s30'),
      purchases90: n('n90'),
      spend90: n('s90'),
      purchases180: n('n180'),
      spend180: n('s180'),
      purchases365: n('n365'),
      spend365: n('s365'),
    };
  });
}

/**
 * Rebuilds member_facts for every member, 10,000 at a time (a read, then one short write each), with windows ending
 * at the start of `now`'s Taipei day and purchases up to the highest id seen at the start; the count adds later
 * purchases live. Idempotent: run twice, the same rows. The lead runs it in the daily job, before refreshRuleTags.
 */
export async function refreshSegmentFacts(
  engine: Engine,
  now: Date,
): Promise<{ members: number; ms: number }> {
  const started = performance.now();
  const asOfDay = taipeiDate(now);
  const dayStart = Date.parse(asOfDay) - TAIPEI_MS;
  const { watermark, top } = await engine.read(async (tx) => {
    const [p] = await tx.select({ id: max(purchases.id) }).from(purchases);
    const [m] = await tx.select({ id: max(members.id) }).from(members);
    return { watermark: p?.id ?? 0, top: m?.id ?? 0 };
  });
  let written = 0;
  for (let from = 1; from <= top; from += BATCH) {
    const to = from + BATCH;
    const rows = await engine.read((tx) => factsOf(tx, from, to, watermark, dayStart));
    await engine.write(async (tx) => {
      await tx.delete(memberFacts).where(and(gte(memberFacts.memberId, from), lt(memberFacts.memberId, to)));
      for (let i = 0; i < rows.length; i += INSERT_ROWS)
        await tx.insert(memberFacts).values(rows.slice(i, i + INSERT_ROWS));
    });
    written += rows.length;
  }
  const state = { asOfDay, purchaseWatermark: watermark, refreshedAt: now };
  await engine.write(async (tx) => {
    await tx
      .insert(segmentFactsState)
      .values({ id: 1, ...state })
      .onConflictDoUpdate({ target: segmentFactsState.id, set: state });
  });
  return { members: written, ms: Math.round(performance.now() - started) };
}

/**
 * Adds the facts of members who joined since the last refresh (ids above the highest in member_facts), on the
 * same watermark and windows, so that a member who joined this morning is in today's segments. Cheap (a few
 * rows): the lead runs it every few minutes and the sender before it freezes recipients. Nothing before the
 * first refresh. Answers how many members it added.
 */
export async function addNewMembersToFacts(engine: Engine): Promise<number> {
  const found = await engine.read(async (tx) => {
    const state = await factsState(tx);
    if (!state) return null;
    const [known] = await tx.select({ id: max(memberFacts.memberId) }).from(memberFacts);
    const from = (known?.id ?? 0) + 1;
    const [top] = await tx.select({ id: max(members.id) }).from(members);
    const to = (top?.id ?? 0) + 1;
    const dayStart = Date.parse(state.asOfDay) - TAIPEI_MS;
    return from < to ? factsOf(tx, from, to, state.purchaseWatermark, dayStart) : [];
  });
  if (!found || found.length === 0) return 0;
  await engine.write(async (tx) => {
    for (let i = 0; i < found.length; i += INSERT_ROWS)
      await tx
        .insert(memberFacts)
        .values(found.slice(i, i + INSERT_ROWS))
        .onConflictDoNothing();
  });
  return found.length;
}
