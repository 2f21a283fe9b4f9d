import { and, eq, gt, lte } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { lockRows } from '../../db/prepared.ts';
import { members, pointLots } from '../../db/schema.ts';
import { eraseExpiredChat } from './chat/retention.ts';
import { issueBirthdayCoupons } from './coupon-auto-issue.ts';
import { expireDueCoupons } from './coupon-expiry.ts';
import { remindExpiringCoupons } from './coupon-reminders.ts';
import { queueExpiryReminders } from './expiry.ts';
import type { Member } from './members.ts';
import { queueNotice } from './notices.ts';
import { expireDueLots } from './point-lots.ts';
import { refreshSegmentFacts } from './segments/facts.ts';
import { refreshRuleTags } from './segments/tags.ts';
import { taipeiDate } from './taipei-time.ts';
import { membersDueForReview, reviewTier } from './tiers.ts';

const BATCH = 500;

export interface DailyRun {
  membersExpired: number;
  pointsExpired: number;
  remindersQueued: number;
  tiersReviewed: number;
  tiersChanged: number;
  couponsExpired: number;
  birthdayCoupons: number;
  couponReminders: number;
  segmentFacts: number;
  /** Chat messages whose text and media the retention period erased. */
  chatErased: number;
}

/**
 * The daily points job (`npm run points:expire` and the server's schedule): expires lots whose time has come,
 * queues reminders for points expiring within the policy's reminder window, reviews tiers whose yearly review
 * date has come, then expires coupons past their last day, gives the birthday month's coupons and reminds
 * opted-in members of coupons about to expire; last, it rebuilds the segments' facts and the tags given by rules. Each member is one transaction; running it again finds nothing left to do, so it is
 * safe to run twice or to resume after a crash.
 */
export async function runDailyPointsJob(engine: Engine, now: Date): Promise<DailyRun> {
  const run: DailyRun = {
    membersExpired: 0,
    pointsExpired: 0,
    remindersQueued: 0,
    tiersReviewed: 0,
    tiersChanged: 0,
    couponsExpired: 0,
    birthdayCoupons: 0,
    couponReminders: 0,
    segmentFacts: 0,
    chatErased: 0,
  };
  const withDueLots = () => engine.read((tx) => membersWithDueLots(tx, now));
  for (let due = await withDueLots(); due.length > 0; due = await withDueLots()) {
    for (const memberId of due) {
      const points = await engine.write(async (tx) => {
        // The member's row, held to the commit: a purchase at the counter expires the same lots before it spends.
        await lockRows(tx, members, eq(members.id, memberId));
        return expireDueLots(tx, memberId, now);
      });
      run.membersExpired++;
      run.pointsExpired += points;
    }
  }
  run.remindersQueued = await queueExpiryReminders(engine, now);
  const dueForReview = () => engine.read((tx) => membersDueForReview(tx, now, BATCH));
  for (let due = await dueForReview(); due.length > 0; due = await dueForReview()) {
    for (const { id } of due) {
      const review = await engine.write(async (tx) => {
        // The member's row, held to the commit: a purchase may move the tier up meanwhile; read it again.
        await lockRows(tx, members, eq(members.id, id));
        const member = await dueMember(tx, id, now);
        if (!member) return null;
        const change = await reviewTier(tx, member, now);
        if (change) {
          await queueNotice(tx, {
            memberId: member.id,
            kind: 'tier_changed',
            purpose: `tier-review:${member.id}:${taipeiDate(now)}`,
            data: { ...change, at: now.toISOString() },
            at: now,
          });
        }
        return { change };
      });
      if (!review) continue;
      run.tiersReviewed++;
      if (review.change) run.tiersChanged++;
    }
  }
  // Coupons: the ended ones expire before the reminders are counted, and the birthday month's are given.
  run.couponsExpired = await expireDueCoupons(engine, now);
  run.birthdayCoupons = await issueBirthdayCoupons(engine, now);
  run.couponReminders = (await remindExpiringCoupons(engine, now)).membersReminded;
  // Segments count from a row of facts per member as of today, and rule tags follow them (ADR 28).
  run.segmentFacts = (await refreshSegmentFacts(engine, now)).members;
  await refreshRuleTags(engine, now);
  run.chatErased = await eraseExpiredChat(engine, now);
  return run;
}

async function membersWithDueLots(tx: Tx, now: Date): Promise<number[]> {
  const rows = await tx
    .selectDistinct({ memberId: pointLots.memberId })
    .from(pointLots)
    .where(and(gt(pointLots.remaining, 0), lte(pointLots.expiresAt, now)))
    .limit(BATCH);
  return rows.map((row) => row.memberId);
}

/** The member, if their tier review is still due. */
async function dueMember(tx: Tx, memberId: number, now: Date): Promise<Member | undefined> {
  const [member] = await tx
    .select()
    .from(members)
    .where(and(eq(members.id, memberId), eq(members.status, 'active'), lte(members.tierReviewAt, now)));
  return member;
}
