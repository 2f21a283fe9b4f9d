import { and, asc, eq, gt, gte, isNotNull, lte, sql, sum } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { placeholderAs, prepared, settable } from '../../db/prepared.ts';
import { members, pointsLedger, tiers } from '../../db/schema.ts';
import { issueOnTier } from './coupon-auto-issue.ts';
import type { Member } from './members.ts';

export type Tier = typeof tiers.$inferSelect;

/** Where the member stands: their tier with its benefits in their language, and how far the next tier is. */
export interface TierProgress {
  current: Omit<Tier, 'benefits'> & { benefits: string[] };
  next: (Tier & { remaining: number }) | null;
  /** NT$ of qualifying spend over the last 12 months. */
  spend12Months: number;
  reviewAt: Date | null;
}

/** The tier every new member starts in: rank 0. */
export async function entryTier(tx: Tx): Promise<Tier> {
  const [tier] = await tx.select().from(tiers).orderBy(asc(tiers.rank)).limit(1);
  if (!tier) throw new Error('No tiers are configured');
  return tier;
}

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** NT$ of qualifying spend (purchases less refunds) over the rolling 12 months before `now`. */
export async function spendOverTwelveMonths(tx: Tx, memberId: number, now: Date): Promise<number> {
  const [row] = await spendSince(tx).execute({ memberId, since: new Date(now.getTime() - YEAR_MS) });
  return row?.total ?? 0;
}

const spendSince = prepared('spend_since', (tx) =>
  tx
    .select({ total: sum(pointsLedger.amount).mapWith(Number) })
    .from(pointsLedger)
    .where(
      and(
        eq(pointsLedger.memberId, sql.placeholder('memberId')),
        isNotNull(pointsLedger.amount),
        gte(pointsLedger.occurredAt, placeholderAs(pointsLedger.occurredAt, 'since')),
      ),
    ),
);

const tierByCode = prepared('tier_by_code', (tx) =>
  tx
    .select()
    .from(tiers)
    .where(eq(tiers.code, sql.placeholder('code'))),
);

/** The tier with this code (a member's `tierCode` always names one). */
export async function tierOf(tx: Tx, code: string): Promise<Tier> {
  const [tier] = await tierByCode(tx).execute({ code });
  return tier!;
}

/** The member's tier, its benefits in their language, how far the next tier is, and when the tier is reviewed. */
export async function tierProgress(
  tx: Tx,
  member: Member,
  language: 'zh-TW' | 'en',
  now: Date,
): Promise<TierProgress> {
  const current = await tierOf(tx, member.tierCode);
  const [next] = await tx
    .select()
    .from(tiers)
    .where(gt(tiers.rank, current.rank))
    .orderBy(asc(tiers.rank))
    .limit(1);
  const spend = await spendOverTwelveMonths(tx, member.id, now);
  return {
    current: { ...current, benefits: language === 'en' ? current.benefits.en : current.benefits.zh },
    next: next ? { ...next, remaining: Math.max(0, next.qualifyingSpend - spend) } : null,
    spend12Months: spend,
    reviewAt: member.tierReviewAt,
  };
}

export interface TierChange {
  from: Pick<Tier, 'code' | 'name' | 'nameEn'>;
  to: Pick<Tier, 'code' | 'name' | 'nameEn'>;
}

const tiersByRank = prepared('tiers_by_rank', (tx) => tx.select().from(tiers).orderBy(asc(tiers.rank)));

const setTier = prepared('set_member_tier', (tx) =>
  tx
    .update(members)
    .set({
      tierCode: settable<string>('tierCode'),
      tierReviewAt: settable<Date>('reviewAt'),
      updatedAt: settable<Date>('at'),
    })
    .where(eq(members.id, sql.placeholder('memberId'))),
);

/** The best tier `spend` reaches. */
function tierFor(ranked: Tier[], spend: number): Tier {
  return ranked.filter((tier) => tier.qualifyingSpend <= spend).at(-1) ?? ranked[0]!;
}

const view = ({ code, name, nameEn }: Tier) => ({ code, name, nameEn });

/**
 * After a purchase: moves the member up when their spend over the last 12 months has crossed a higher tier's
 * bar, and sets the next review a year on, giving the coupons of the tiers it passes (coupon-auto-issue.ts; the
 * caller holds the member's row, so the templates' rows are locked after it). Never moves down (that waits for
 * the yearly review).
 */
export async function upgradeIfQualified(
  tx: Tx,
  member: Pick<Member, 'id' | 'tierCode'>,
  now: Date,
): Promise<TierChange | null> {
  const ranked = await tiersByRank(tx).execute();
  const current = ranked.find((tier) => tier.code === member.tierCode)!;
  const reached = tierFor(ranked, await spendOverTwelveMonths(tx, member.id, now));
  if (reached.rank <= current.rank) return null;
  await setTier(tx).execute({
    tierCode: reached.code,
    reviewAt: new Date(now.getTime() + YEAR_MS),
    at: now,
    memberId: member.id,
  });
  await issueOnTier(tx, member.id, passed(ranked, current, reached), now);
  return { from: view(current), to: view(reached) };
}

/** The tiers a move up passes, the one reached included: each may give its coupon. */
const passed = (ranked: Tier[], from: Tier, to: Tier) =>
  ranked.filter((tier) => tier.rank > from.rank && tier.rank <= to.rank).map((tier) => tier.code);

const tierCodeOf = prepared('member_tier_code', (tx) =>
  tx
    .select({ id: members.id, tierCode: members.tierCode })
    .from(members)
    .where(eq(members.id, sql.placeholder('memberId'))),
);

/**
 * upgradeIfQualified for spend recorded outside a purchase at the counter (an online order, purchases imported
 * from the shops): wherever spend enters the ledger, the tier follows it at once, not at the next purchase.
 */
export async function upgradeMemberIfQualified(
  tx: Tx,
  memberId: number,
  now: Date,
): Promise<TierChange | null> {
  const [member] = await tierCodeOf(tx).execute({ memberId });
  return member ? upgradeIfQualified(tx, member, now) : null;
}

/**
 * The yearly review of one member whose review date has come: their tier becomes the one their last 12 months of
 * spend reach, up or down, and the next review is a year on.
 */
export async function reviewTier(tx: Tx, member: Member, now: Date): Promise<TierChange | null> {
  const ranked = await tiersByRank(tx).execute();
  const current = ranked.find((tier) => tier.code === member.tierCode)!;
  const reached = tierFor(ranked, await spendOverTwelveMonths(tx, member.id, now));
  await tx
    .update(members)
    .set({ tierCode: reached.code, tierReviewAt: new Date(now.getTime() + YEAR_MS), updatedAt: now })
    .where(eq(members.id, member.id));
  if (reached.rank > current.rank) await issueOnTier(tx, member.id, passed(ranked, current, reached), now);
  return reached.code === current.code ? null : { from: view(current), to: view(reached) };
}

/** Members whose tier review date has come. */
export async function membersDueForReview(tx: Tx, now: Date, limit = 500): Promise<Member[]> {
  return tx
    .select()
    .from(members)
    .where(and(eq(members.status, 'active'), lte(members.tierReviewAt, now)))
    .orderBy(asc(members.tierReviewAt))
    .limit(limit);
}
