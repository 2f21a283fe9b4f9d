import { and, asc, eq, gt, gte, isNotNull, sum } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { pointsLedger, tiers } from '../../db/schema.ts';
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
  const row = db
    .select({ total: sum(pointsLedger.amount) })
    .from(pointsLedger)
    .where(
      and(
        eq(pointsLedger.memberId, memberId),
        isNotNull(pointsLedger.amount),
        gte(pointsLedger.occurredAt, new Date(now.getTime() - YEAR_MS)),
      ),
    )
    .get();
  return Number(row?.total ?? 0);
}

/** The member's tier, its benefits in their language, how far the next tier is, and when the tier is reviewed. */
export function tierProgress(db: Db, member: Member, language: 'zh-TW' | 'en', now: Date): TierResponse {
  const current = db.select().from(tiers).where(eq(tiers.code, member.tierCode)).get()!;
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
