import { and, asc, eq, gt, lte } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { lockRows } from '../../db/prepared.ts';
import { members, pointLots } from '../../db/schema.ts';
import { expireDueLots } from './ledger.ts';
import type { Member } from './members.ts';
import { queueNotice } from './notices.ts';
import { currentPolicy, taipeiDate } from './points-policy.ts';
import { membersDueForReview, reviewTier } from './tiers.ts';

const DAY_MS = 24 * 3600_000;
const BATCH = 500;

/**
 * The last day points are valid, in Taipei (YYYY-MM-DD), which is the date members are shown. Lots store the
 * first instant they are no longer valid (00:00 Taipei the day after: 2027-01-01 for the terms' "expire on
 * 2026/12/31 23:59"), so that expiry is one `expiresAt <= now` comparison; the day shown is the one before.
 */
export const lastValidDay = (expiresAt: Date) => taipeiDate(new Date(expiresAt.getTime() - 1));

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
export async function runDailyPointsJob(engine: Engine, now: Date): Promise<DailyRun> {
  const run: DailyRun = {
    membersExpired: 0,
    pointsExpired: 0,
    remindersQueued: 0,
    tiersReviewed: 0,
    tiersChanged: 0,
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

/**
 * One reminder per member and expiry date, for points that expire within the reminder window. The notice names
 * only the date, so every member with points expiring that day gets the same message: the sender multicasts
 * them. Queued once (the purpose is the member and the date), however often the job runs.
 */
export async function queueExpiryReminders(engine: Engine, now: Date): Promise<number> {
  const expiring = await engine.read(async (tx) => {
    const days = (await currentPolicy(tx)).expiryReminderDays;
    if (days <= 0) return [];
    return tx
      .select({ memberId: pointLots.memberId, expiresAt: pointLots.expiresAt })
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
      .orderBy(asc(pointLots.expiresAt), asc(pointLots.memberId));
  });
  if (expiring.length === 0) return 0;
  return engine.write(async (tx) => {
    let queued = 0;
    for (const { memberId, expiresAt } of expiring) {
      // Queued by one statement that keeps the first of a reminder queued twice (its retry key is unique).
      const inserted = await queueNotice(tx, {
        memberId,
        kind: 'points_expiring',
        purpose: `expiring:${memberId}:${expiresAt.getTime()}`,
        data: { expiresAt: expiresAt.toISOString() },
        at: now,
      });
      if (inserted) queued++;
    }
    return queued;
  });
}
