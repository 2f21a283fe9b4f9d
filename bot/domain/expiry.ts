import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { members, pointLots } from '../../db/schema.ts';
import { expireDueLots } from './ledger.ts';
import { queueNotice } from './notices.ts';
import { currentPolicy, taipeiDate } from './points-policy.ts';
import { membersDueForReview, reviewTier } from './tiers.ts';

const DAY_MS = 24 * 3600_000;
const BATCH = 500;

export interface DailyRun {
  membersExpired: number;
  pointsExpired: number;
  remindersQueued: number;
  tiersReviewed: number;
  tiersChanged: number;
}

/**
 * The daily points job (`npm run points:expire` and the server's schedule): expires lots whose time has come,
 * queues reminders for points expiring within the policy's reminder window, and reviews tiers whose yearly
 * review date has come. Each member is one transaction; running it again finds nothing left to do, so it is
 * safe to run twice or to resume after a crash.
 */
export function runDailyPointsJob(db: Db, now: Date): DailyRun {
  const run: DailyRun = {
    membersExpired: 0,
    pointsExpired: 0,
    remindersQueued: 0,
    tiersReviewed: 0,
    tiersChanged: 0,
  };
  for (let due = membersWithDueLots(db, now); due.length > 0; due = membersWithDueLots(db, now)) {
    for (const memberId of due) {
      const points = db.transaction((tx) => expireDueLots(tx, memberId, now), { behavior: 'immediate' });
      run.membersExpired++;
      run.pointsExpired += points;
    }
  }
  run.remindersQueued = queueExpiryReminders(db, now);
  for (
    let due = membersDueForReview(db, now, BATCH);
    due.length > 0;
    due = membersDueForReview(db, now, BATCH)
  ) {
    for (const member of due) {
      db.transaction(
        (tx) => {
          const change = reviewTier(tx, member, now);
          run.tiersReviewed++;
          if (!change) return;
          run.tiersChanged++;
          queueNotice(tx, {
            memberId: member.id,
            kind: 'tier_changed',
            purpose: `tier-review:${member.id}:${taipeiDate(now)}`,
            data: { ...change, at: now.toISOString() },
            at: now,
          });
        },
        { behavior: 'immediate' },
      );
    }
  }
  return run;
}

function membersWithDueLots(db: Db, now: Date): number[] {
  return db
    .selectDistinct({ memberId: pointLots.memberId })
    .from(pointLots)
    .where(and(gt(pointLots.remaining, 0), lte(pointLots.expiresAt, now)))
    .limit(BATCH)
    .all()
    .map((row) => row.memberId);
}

/**
 * One reminder per member and expiry date, for points that expire within the reminder window. The notice names
 * only the date, so every member with points expiring that day gets the same message: the sender multicasts
 * them. Queued once (the purpose is the member and the date), however often the job runs.
 */
export function queueExpiryReminders(db: Db, now: Date): number {
  const days = currentPolicy(db).expiryReminderDays;
  if (days <= 0) return 0;
  const expiring = db
    .select({
      memberId: pointLots.memberId,
      expiresAt: pointLots.expiresAt,
      points: sql<number>`sum(${pointLots.remaining})`,
    })
    .from(pointLots)
    .innerJoin(members, eq(members.id, pointLots.memberId))
    .where(
      and(
        gt(pointLots.remaining, 0),
        gt(pointLots.expiresAt, now),
        lte(pointLots.expiresAt, new Date(now.getTime() + days * DAY_MS)),
        eq(members.status, 'active'),
      ),
    )
    .groupBy(pointLots.memberId, pointLots.expiresAt)
    .orderBy(asc(pointLots.expiresAt), asc(pointLots.memberId))
    .all();
  let queued = 0;
  db.transaction((tx) => {
    for (const { memberId, expiresAt } of expiring) {
      const inserted = queueNotice(tx, {
        memberId,
        kind: 'points_expiring',
        purpose: `expiring:${memberId}:${expiresAt.getTime()}`,
        data: { expiresAt: expiresAt.toISOString() },
        at: now,
      });
      if (inserted) queued++;
    }
  });
  return queued;
}
