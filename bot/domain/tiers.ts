import { and, asc, eq, gt, gte, isNotNull, lte, sql, sum } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { placeholderAs, prepared, settable } from '../../db/prepared.ts';
import { members, pointsLedger, tiers } from '../../db/schema.ts';
import type { TierResponse } from '../schemas/liff-api.ts';
import type { Member } from './members.ts';

export type Tier = typeof tiers.$inferSelect;

/** The tier every new member starts in: rank 0. */
export function entryTier(db: Db): Tier {
  const tier = db.select().from(tiers).orderBy(asc(tiers.rank)).limit(1).get();
  if (!tier) throw new Error('No tiers are configured');
  return tier;
}

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

/** NT$ of qualifying spend (purchases less refunds) over the rolling 12 months before `now`. */
export function spendOverTwelveMonths(db: Db, memberId: number, now: Date): number {
  const row = spendSince(db).get({ memberId, since: new Date(now.getTime() - YEAR_MS) });
  return Number(row?.total ?? 0);
}

const spendSince = prepared((db) =>
  db
    .select({ total: sum(pointsLedger.amount) })
    .from(pointsLedger)
    .where(
      and(
        eq(pointsLedger.memberId, sql.placeholder('memberId')),
        isNotNull(pointsLedger.amount),
        gte(pointsLedger.occurredAt, placeholderAs(pointsLedger.occurredAt, 'since')),
      ),
    )
    .prepare(),
);

const tierByCode = prepared((db) =>
  db
    .select()
    .from(tiers)
    .where(eq(tiers.code, sql.placeholder('code')))
    .prepare(),
);

/** The tier with this code (a member's `tierCode` always names one). */
export const tierOf = (db: Db, code: string): Tier => tierByCode(db).get({ code })!;

/** The member's tier, its benefits in their language, how far the next tier is, and when the tier is reviewed. */
export function tierProgress(db: Db, member: Member, language: 'zh-TW' | 'en', now: Date): TierResponse {
  const current = tierOf(db, member.tierCode);
  const next = db
    .select()
    .from(tiers)
    .where(gt(tiers.rank, current.rank))
    .orderBy(asc(tiers.rank))
    .limit(1)
    .get();
  const spend = spendOverTwelveMonths(db, member.id, now);
  const view = (tier: Tier) => ({ code: tier.code, name: tier.name, nameEn: tier.nameEn, color: tier.color });
  return {
    current: { ...view(current), benefits: language === 'en' ? current.benefits.en : current.benefits.zh },
    next: next
      ? {
          ...view(next),
          qualifyingSpend: next.qualifyingSpend,
          remaining: Math.max(0, next.qualifyingSpend - spend),
        }
      : null,
    spend12Months: spend,
    reviewAt: member.tierReviewAt?.toISOString() ?? null,
  };
}

export interface TierChange {
  from: Pick<Tier, 'code' | 'name' | 'nameEn'>;
  to: Pick<Tier, 'code' | 'name' | 'nameEn'>;
}

const tiersByRank = prepared((db) => db.select().from(tiers).orderBy(asc(tiers.rank)).prepare());
const allTiers = (db: Db) => tiersByRank(db).all();

const setTier = prepared((db) =>
  db
    .update(members)
    .set({
      tierCode: settable<string>('tierCode'),
      tierReviewAt: settable<Date>('reviewAt'),
      updatedAt: settable<Date>('at'),
    })
    .where(eq(members.id, sql.placeholder('memberId')))
    .prepare(),
);

/** The best tier `spend` reaches. */
function tierFor(ranked: Tier[], spend: number): Tier {
  return ranked.filter((tier) => tier.qualifyingSpend <= spend).at(-1) ?? ranked[0]!;
}

const view = ({ code, name, nameEn }: Tier) => ({ code, name, nameEn });

/**
 * After a purchase: moves the member up when their spend over the last 12 months has crossed a higher tier's
 * bar, and sets the next review a year on. Never moves down (that waits for the yearly review).
 */
export function upgradeIfQualified(tx: Db, member: Member, now: Date): TierChange | null {
  const ranked = allTiers(tx);
  const current = ranked.find((tier) => tier.code === member.tierCode)!;
  const reached = tierFor(ranked, spendOverTwelveMonths(tx, member.id, now));
  if (reached.rank <= current.rank) return null;
  setTier(tx).run({
    tierCode: reached.code,
    reviewAt: new Date(now.getTime() + YEAR_MS),
    at: now,
    memberId: member.id,
  });
  return { from: view(current), to: view(reached) };
}

/**
 * The yearly review of one member whose review date has come: their tier becomes the one their last 12 months of
 * spend reach, up or down, and the next review is a year on.
 */
export function reviewTier(tx: Db, member: Member, now: Date): TierChange | null {
  const ranked = allTiers(tx);
  const current = ranked.find((tier) => tier.code === member.tierCode)!;
  const reached = tierFor(ranked, spendOverTwelveMonths(tx, member.id, now));
  tx.update(members)
    .set({ tierCode: reached.code, tierReviewAt: new Date(now.getTime() + YEAR_MS), updatedAt: now })
    .where(eq(members.id, member.id))
    .run();
  return reached.code === current.code ? null : { from: view(current), to: view(reached) };
}

/** Members whose tier review date has come. */
export function membersDueForReview(db: Db, now: Date, limit = 500): Member[] {
  return db
    .select()
    .from(members)
    .where(and(eq(members.status, 'active'), lte(members.tierReviewAt, now)))
    .orderBy(asc(members.tierReviewAt))
    .limit(limit)
    .all();
}
