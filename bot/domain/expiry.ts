import { and, asc, eq, gt, lte } from 'drizzle-orm';
import type { Engine } from '../../db/engine.ts';
import { members, pointLots } from '../../db/schema.ts';
import { queueNotice } from './notices.ts';
import { currentPolicy } from './points-policy.ts';
import { taipeiDate } from './taipei-time.ts';

const DAY_MS = 24 * 3600_000;

/**
 * The last day points are valid, in Taipei (YYYY-MM-DD), which is the date members are shown. Lots store the
 * first instant they are no longer valid (00:00 Taipei the day after: 2027-01-01 for the terms' "expire on
 * 2026/12/31 23:59"), so that expiry is one `expiresAt <= now` comparison; the day shown is the one before.
 */
export const lastValidDay = (expiresAt: Date) => taipeiDate(new Date(expiresAt.getTime() - 1));

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
