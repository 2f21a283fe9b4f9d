// Counting a segment while the marketer edits it, and listing its members for a push to freeze (ADR 0028).
import { and, asc, eq, gt, inArray, notInArray, type SQL, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { memberFacts as f, lineFriends, members } from '../../../db/schema.ts';
import {
  compileRule,
  everSegmentable,
  membersSince,
  needsDelta,
  purchasesSince,
  reachableForMarketing,
} from './compile.ts';
import { addNewMembersToFacts, factsState } from './facts.ts';
import type { Rule } from './rules.ts';

export interface SegmentCount {
  /** Members the rules match (never a deleted membership nor a LINE account that blocked the brand). */
  matching: number;
  /** Of those, who a marketing push may reach: a LINE friend now who opted in. */
  reachable: number;
  tookMs: number;
  /** When the facts were built (null: never, so nobody is counted yet); purchases since then are counted live. */
  factsAsOf: string | null;
}

/** The rows a count or a page reads: member_facts, with the purchases since the watermark when the rules ask. */
async function scope(tx: Tx, rule: Rule, now: Date) {
  const state = await factsState(tx);
  const delta = state && needsDelta(rule) ? purchasesSince(tx, state.purchaseWatermark) : null;
  const where = and(compileRule(rule, { tx, now, delta }), everSegmentable);
  return { state, delta, where };
}

/** count(*) and how many of those a marketing push may reach, as one row. */
const tallies = {
  matching: sql<number>`count(*)`.mapWith(Number),
  reachable: sql<number>`coalesce(sum(case when ${reachableForMarketing} then 1 else 0 end), 0)`.mapWith(
    Number,
  ),
};

/**
 * How many members `rule` matches and how many of them a marketing push may reach (the console's live count; the
 * rule must have passed checkRules), on one snapshot. When the rule asks about purchases, the members who bought
 * since the watermark (today's few thousand) are counted apart, from their facts and those purchases together, and
 * everyone else from their facts alone: one pass over member_facts with no join per row (ADR 0028).
 */
export async function countSegment(engine: Engine, rule: Rule, now: Date): Promise<SegmentCount> {
  const started = performance.now();
  // Members who joined since the last refresh count at once (two index reads when there are none).
  await addNewMembersToFacts(engine);
  const row = await engine.read(async (tx) => {
    const state = await factsState(tx);
    // The rule's own terms first: SQLite tests terms in order, so the two flags are read only for rows that match.
    const factsOnly = and(compileRule(rule, { tx, now, delta: null }), everSegmentable);
    const factsAsOf = state?.refreshedAt.toISOString() ?? null;
    if (!state || !needsDelta(rule)) {
      const [counted] = await tx.select(tallies).from(f).where(factsOnly);
      return { ...counted!, factsAsOf };
    }
    const delta = purchasesSince(tx, state.purchaseWatermark);
    const [rest] = await tx
      .select(tallies)
      .from(f)
      .where(and(factsOnly, notInArray(f.memberId, membersSince(tx, state.purchaseWatermark))));
    const [buyers] = await tx
      .select(tallies)
      .from(delta)
      .innerJoin(f, eq(f.memberId, delta.memberId))
      // The buyers drive the join (SQLite would otherwise scan every member and probe the delta for each).
      .where(
        and(
          inArray(f.memberId, membersSince(tx, state.purchaseWatermark)),
          compileRule(rule, { tx, now, delta }),
          everSegmentable,
        ),
      );
    return {
      matching: rest!.matching + buyers!.matching,
      reachable: rest!.reachable + buyers!.reachable,
      factsAsOf,
    };
  });
  return { ...row, tookMs: Math.round(performance.now() - started) };
}

/**
 * The members of a segment, `pageSize` ids at a time in id order, for a push to freeze its recipients. With
 * `reachable` (the default) only those a marketing push may reach, checked again on the live members and LINE
 * friends rows of each page: an opt-out or a block since the facts were built is honoured. `after` starts past
 * an id (the console's next page); `within` is a further condition on `members` (a store manager's scope).
 */
export async function* membersOf(
  engine: Engine,
  rule: Rule,
  now: Date,
  options: { reachable?: boolean; pageSize?: number; after?: number; within?: SQL } = {},
): AsyncGenerator<number[]> {
  const { reachable = true, pageSize = 5_000, within } = options;
  let after = options.after ?? 0;
  for (;;) {
    const ids = await engine.read(async (tx) => {
      const { delta, where } = await scope(tx, rule, now);
      const base = tx
        .select({ id: f.memberId })
        .from(f)
        .innerJoin(members, eq(members.id, f.memberId))
        .leftJoin(lineFriends, eq(lineFriends.lineUserId, members.lineUserId));
      const joined = delta ? base.leftJoin(delta, eq(delta.memberId, f.memberId)) : base;
      const live = and(
        eq(members.status, 'active'),
        sql`(${lineFriends.status} is null or ${lineFriends.status} <> 'blocked')`,
        reachable ? and(eq(members.marketingOptIn, true), eq(lineFriends.status, 'friend')) : undefined,
        within,
      );
      const rows = await joined
        .where(and(where, live, gt(f.memberId, after)))
        .orderBy(asc(f.memberId))
        .limit(pageSize);
      return rows.map((r) => r.id);
    });
    if (ids.length === 0) return;
    yield ids;
    after = ids.at(-1)!;
    if (ids.length < pageSize) return;
  }
}
