import { and, asc, eq, gt, inArray, isNotNull, isNull, lt } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { coupons, couponTemplates, lineFriends, members } from '../../db/schema.ts';
import { queueNotice } from './notices.ts';
import { TAIPEI_MS, taipeiDate } from './taipei-time.ts';

const DAY_MS = 24 * 3600_000;
/** Members reminded in one transaction: a crash loses at most one batch's work, which the next run redoes. */
const BATCH_MEMBERS = 500;

export interface CouponReminderRun {
  membersReminded: number;
  couponsReminded: number;
}

/**
 * The first instant after the Taipei day `withinDays` days from `now`'s: a coupon whose last valid day is today
 * or one of the next `withinDays` days expires before it.
 */
export function reminderHorizon(now: Date, withinDays: number): Date {
  return new Date(Date.parse(`${taipeiDate(now)}T00:00:00Z`) - TAIPEI_MS + (withinDays + 1) * DAY_MS);
}

/** What makes a coupon due for a reminder, and its member one who may receive it. */
const due = (now: Date, horizon: Date) =>
  and(
    eq(coupons.status, 'issued'),
    isNull(coupons.remindedAt),
    gt(coupons.validUntil, now),
    lt(coupons.validUntil, horizon),
    eq(members.status, 'active'),
    isNotNull(members.lineUserId),
    // A reminder to come back and spend is marketing: only to members who agreed to it (the join form's box).
    eq(members.marketingOptIn, true),
    eq(lineFriends.status, 'friend'),
  );

/** One batch in one transaction: members with due coupons, their coupons marked reminded, one notice each. */
async function remindBatch(tx: Tx, now: Date, horizon: Date, size: number): Promise<CouponReminderRun> {
  const dueCoupons = () =>
    tx
      .select({
        couponId: coupons.id,
        memberId: coupons.memberId,
        validUntil: coupons.validUntil,
        title: couponTemplates.title,
        titleEn: couponTemplates.titleEn,
      })
      .from(coupons)
      .innerJoin(members, eq(members.id, coupons.memberId))
      .innerJoin(lineFriends, eq(lineFriends.lineUserId, members.lineUserId))
      .innerJoin(couponTemplates, eq(couponTemplates.id, coupons.templateId));
  const batch = await tx
    .selectDistinct({ memberId: coupons.memberId })
    .from(coupons)
    .innerJoin(members, eq(members.id, coupons.memberId))
    .innerJoin(lineFriends, eq(lineFriends.lineUserId, members.lineUserId))
    .where(due(now, horizon))
    .orderBy(asc(coupons.memberId))
    .limit(size);
  const memberIds = batch.map((row) => row.memberId);
  if (memberIds.length === 0) return { membersReminded: 0, couponsReminded: 0 };
  const candidates = await dueCoupons()
    .where(and(due(now, horizon), inArray(coupons.memberId, memberIds)))
    .orderBy(asc(coupons.memberId), asc(coupons.validUntil), asc(coupons.id));
  // The mark is the claim: a coupon used meanwhile, or reminded by a run beside this one, is not returned.
  const claimed = await tx
    .update(coupons)
    .set({ remindedAt: now })
    .where(
      and(
        inArray(
          coupons.id,
          candidates.map((c) => c.couponId),
        ),
        eq(coupons.status, 'issued'),
        isNull(coupons.remindedAt),
      ),
    )
    .returning({ id: coupons.id });
  const marked = new Set(claimed.map((row) => row.id));
  const byMember = Map.groupBy(
    candidates.filter((c) => marked.has(c.couponId)),
    (c) => c.memberId,
  );
  for (const [memberId, held] of byMember) {
    await queueNotice(tx, {
      memberId,
      kind: 'coupons_expiring',
      // The coupons named: a rerun queues nothing twice, and a coupon issued later is told of in its own reminder.
      purpose: `coupons-expiring:${memberId}:${held.map((c) => c.couponId).join(',')}`,
      data: {
        coupons: held.map((c) => ({
          couponId: c.couponId,
          title: c.title,
          titleEn: c.titleEn,
          validUntil: c.validUntil.toISOString(),
        })),
      },
      at: now,
    });
  }
  return { membersReminded: byMember.size, couponsReminded: marked.size };
}

/**
 * Reminds members of their coupons that are about to expire (the last valid day today or within the next
 * `withinDays` Taipei days), so that a coupon the shop gave is not forgotten: ONE `coupons_expiring` notice per
 * member per run listing those coupons, and each coupon is told of once (`coupons.remindedAt`, set in the
 * transaction that queues the notice). Only to members who opted in to marketing messages and are still the
 * account's friends. In batches of 500 members, each its own transaction, so a run that stops is resumed by the
 * next one; run again, it finds nothing left to do. The notice sender pushes each member's own list.
 */
export async function remindExpiringCoupons(
  engine: Engine,
  now: Date,
  { withinDays = 3, batchSize = BATCH_MEMBERS }: { withinDays?: number; batchSize?: number } = {},
): Promise<CouponReminderRun> {
  const run: CouponReminderRun = { membersReminded: 0, couponsReminded: 0 };
  if (withinDays < 0) return run;
  const horizon = reminderHorizon(now, withinDays);
  for (;;) {
    const batch = await engine.write((tx) => remindBatch(tx, now, horizon, batchSize));
    if (batch.membersReminded === 0 && batch.couponsReminded === 0) return run;
    run.membersReminded += batch.membersReminded;
    run.couponsReminded += batch.couponsReminded;
  }
}
