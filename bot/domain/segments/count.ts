// Counting a segment while the marketer edits it, and listing its members for a push to freeze (ADR 0028).
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { memberFacts as f, lineFriends, members } from '../../../db/schema.ts';
import {
  compileRule,
  everSegmentable,
  needsDelta,
  purchasesSince,
  reachableForMarketing,
} from './compile.ts';
import { factsState } from './facts.ts';
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
  const where = and(everSegmentable, compileRule(rule, { tx, now, delta }));
  return { state, delta, where };
}

/**
 * How many members `rule` matches and how many of them a marketing push may reach, in one pass over member_facts
 * (the console's live count; the rule must have passed checkRules). Read on one snapshot.
 */
export async function countSegment(engine: Engine, rule: Rule, now: Date): Promise<SegmentCount> {
  const started = performance.now();
  const row = await engine.read(async (tx) => {
    const { state, delta, where } = await scope(tx, rule, now);
    const query = tx
      .select({
        matching: sql<number>`count(*)`.mapWith(Number),
        reachable:
          sql<number>`coalesce(sum(case when ${reachableForMarketing} then 1 else 0 end), 0)`.mapWith(Number),
      })
      .from(f);
    const [counted] = await (delta ? query.leftJoin(delta, eq(delta.memberId, f.memberId)) : query).where(
      where,
    );
    return { ...counted!, factsAsOf: state?.refreshedAt.toISOString() ?? null };
  });
  return { ...row, tookMs: Math.round(performance.now() - started) };
}

/**
 * The members of a segment, `pageSize` ids at a time in id order, for a push to freeze its recipients. With
 * `reachable` (the default) only those a marketing push may reach, checked again on the live members and LINE
 * friends rows of each page: an opt-out or a block since the facts were built is honoured.
 */
export async function* membersOf(
  engine: Engine,
  rule: Rule,
  now: Date,
  { reachable = true, pageSize = 5_000 }: { reachable?: boolean; pageSize?: number } = {},
): AsyncGenerator<number[]> {
  let after = 0;
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
