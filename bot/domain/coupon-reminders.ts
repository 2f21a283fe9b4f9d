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

/** A coupon still to be reminded of, its last moment before the horizon. */
const dueCoupon = (now: Date, horizon: Date) =>
  and(
    eq(coupons.status, 'issued'),
    isNull(coupons.remindedAt),
    gt(coupons.validUntil, now),
    lt(coupons.validUntil, horizon),
  );

/** A member who may be reminded: active, still the account's friend, and agreed to marketing messages. */
const mayBeReminded = and(
  eq(members.status, 'active'),
  isNotNull(members.lineUserId),
  // A reminder to come back and spend is marketing: only to members who agreed to it (the join form's box).
  eq(members.marketingOptIn, true),
  eq(lineFriends.status, 'friend'),
);

/** One batch in one transaction: members with due coupons, their coupons marked reminded, one notice each. */
async function remindBatch(tx: Tx, now: Date, horizon: Date, size: number): Promise<CouponReminderRun> {
  const batch = await tx
    .selectDistinct({ memberId: coupons.memberId })
    .from(coupons)
    .innerJoin(members, eq(members.id, coupons.memberId))
    .innerJoin(lineFriends, eq(lineFriends.lineUserId, members.lineUserId))
    .where(and(dueCoupon(now, horizon), mayBeReminded))
    .orderBy(asc(coupons.memberId))
    .limit(size);
  if (batch.length === 0) return { membersReminded: 0, couponsReminded: 0 };
  // The mark is the claim: a coupon used meanwhile, or reminded by a run beside this one, is not returned. Named
  // by member, not by coupon, so that the statement's size does not grow with the coupons a member holds.
  const claimed = await tx
    .update(coupons)
    .set({ remindedAt: now })
    .where(
      and(
        inArray(
          coupons.memberId,
          batch.map((row) => row.memberId),
        ),
        dueCoupon(now, horizon),
      ),
    )
    .returning({
      couponId: coupons.id,
      memberId: coupons.memberId,
      templateId: coupons.templateId,
      validUntil: coupons.validUntil,
    });
  if (claimed.length === 0) return { membersReminded: 0, couponsReminded: 0 };
  const titles = new Map(
    (
      await tx
        .select({ id: couponTemplates.id, title: couponTemplates.title, titleEn: couponTemplates.titleEn })
        .from(couponTemplates)
        .where(inArray(couponTemplates.id, [...new Set(claimed.map((c) => c.templateId))]))
    ).map((t) => [t.id, t]),
  );
  const soonestFirst = claimed.sort(
    (a, b) => a.validUntil.getTime() - b.validUntil.getTime() || a.couponId - b.couponId,
  );
  const byMember = Map.groupBy(soonestFirst, (c) => c.memberId);
  for (const [memberId, held] of byMember) {
    await queueNotice(tx, {
      memberId,
      kind: 'coupons_expiring',
      // The coupons named: a rerun queues nothing twice, and a coupon issued later is told of in its own reminder.
      purpose: `coupons-expiring:${memberId}:${held.map((c) => c.couponId).join(',')}`,
      data: {
        coupons: held.map((c) => ({
          couponId: c.couponId,
          title: titles.get(c.templateId)!.title,
          titleEn: titles.get(c.templateId)!.titleEn,
          validUntil: c.validUntil.toISOString(),
        })),
      },
      at: now,
    });
  }
  return { membersReminded: byMember.size, couponsReminded: claimed.length };
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
