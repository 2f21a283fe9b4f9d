import {
  and,
  asc,
  type Column,
  count,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  notExists,
  notInArray,
  sql,
} from 'drizzle-orm';
import type { Engine } from '../../db/engine.ts';
import { alias, skippingLocked } from '../../db/prepared.ts';
import { lineFriends, memberNotices, members } from '../../db/schema.ts';
import { type Claim, claimable, leaseFor, retryDue } from './leases.ts';
import { asNotices, type MemberNotice } from './notices.ts';

/**
 * The notices queued for members (bot/domain/notices.ts) as the notice sender (bot/line/notice-sender.ts) works
 * through them: what waits, whom it goes to, how reminders are batched, and how each push ended.
 */

/** A notice LINE refused for a passing reason this often is left pending for good. */
export const NOTICE_MAX_ATTEMPTS = 5;

/** The notices that say the same to many members, sent by multicast: points and coupons about to expire. */
const REMINDERS = ['points_expiring', 'coupons_expiring'] as const;

/** Notices still to send (not given up on): the member notices, or the expiry reminders sent by multicast. */
const stillToSend = (notice: { status: Column; kind: Column; attempts: Column }, reminders: boolean) =>
  and(
    eq(notice.status, 'pending'),
    reminders ? inArray(notice.kind, [...REMINDERS]) : notInArray(notice.kind, [...REMINDERS]),
    lt(notice.attempts, NOTICE_MAX_ATTEMPTS),
  );

/**
 * Claims notices to push, oldest first, for `claim.leaseMs` (expiry reminders go by multicast, under a job run of
 * their own: `pendingReminders`): pending ones nobody holds (or whose holder's lease ran out), whose retry is due,
 * and whose member has no earlier notice still pending, so that a member's notices arrive in order. Other
 * instances pass over the rows being claimed (SKIP LOCKED). Relaxed (ADR 3): a lost claim is claimed again, and
 * the push's retry key keeps LINE from delivering it twice.
 */
export function claimNotices(engine: Engine, claim: Claim): Promise<MemberNotice[]> {
  if (claim.limit <= 0) return Promise.resolve([]);
  return engine.write(
    async (tx) => {
      const earlier = alias(memberNotices, 'earlier');
      const candidates = await skippingLocked(
        tx
          .select({ id: memberNotices.id })
          .from(memberNotices)
          .where(
            and(
              stillToSend(memberNotices, false),
              claimable(memberNotices, claim.now),
              notExists(
                tx
                  .select({ one: sql`1` })
                  .from(earlier)
                  .where(
                    and(
                      eq(earlier.memberId, memberNotices.memberId),
                      stillToSend(earlier, false),
                      lt(earlier.id, memberNotices.id),
                    ),
                  ),
              ),
            ),
          )
          // The status index's order: the scan stops at the limit instead of sorting every pending notice.
          .orderBy(asc(memberNotices.createdAt))
          .limit(claim.limit),
      );
      if (candidates.length === 0) return [];
      const claimed = await tx
        .update(memberNotices)
        .set(leaseFor(claim))
        .where(
          inArray(
            memberNotices.id,
            candidates.map((notice) => notice.id),
          ),
        )
        .returning();
      return asNotices(claimed.sort((a, b) => a.id - b.id));
    },
    { durability: 'relaxed' },
  );
}

/** Expiry reminders waiting to be sent, oldest first. */
export function pendingReminders(engine: Engine): Promise<MemberNotice[]> {
  return engine.read(async (tx) =>
    asNotices(
      await tx
        .select()
        .from(memberNotices)
        .where(stillToSend(memberNotices, true))
        .orderBy(asc(memberNotices.id))
        .limit(MAX_REMINDERS_AT_ONCE),
    ),
  );
}

/** Reminders sent by one run of the reminder sender at most; a next run takes the rest. */
const MAX_REMINDERS_AT_ONCE = 5_000;

/** Where a member's notices go: their LINE account, in the language LINE gave (null when it gave none). */
export interface NoticeRecipient {
  lineUserId: string;
  language: string | null;
}

/**
 * Whom each member's notices go to: null for a member who left (unbound or deleted) or who blocked the account,
 * to whom nothing is pushed.
 */
export function noticeRecipients(
  engine: Engine,
  memberIds: number[],
): Promise<Map<number, NoticeRecipient | null>> {
  if (memberIds.length === 0) return Promise.resolve(new Map());
  return engine.read(async (tx) => {
    const rows = await tx
      .select({
        memberId: members.id,
        lineUserId: members.lineUserId,
        status: members.status,
        friendStatus: lineFriends.status,
        language: lineFriends.language,
      })
      .from(members)
      .leftJoin(lineFriends, eq(lineFriends.lineUserId, members.lineUserId))
      .where(inArray(members.id, memberIds));
    const recipients = new Map<number, NoticeRecipient | null>(memberIds.map((id) => [id, null]));
    for (const row of rows) {
      if (!row.lineUserId || row.status !== 'active' || row.friendStatus === 'blocked') continue;
      recipients.set(row.memberId, { lineUserId: row.lineUserId, language: row.language });
    }
    return recipients;
  });
}

/**
 * Fixes reminder batches before they are sent: each notice gets its batch's key, unless it has one already. Fully
 * durable, because the key is the batch's retry key: a retry after a crash sends the same batch under it.
 */
export async function fixReminderBatches(engine: Engine, batches: { key: string; ids: number[] }[]) {
  if (batches.length === 0) return;
  await engine.write(async (tx) => {
    for (const { key, ids } of batches) {
      await tx
        .update(memberNotices)
        .set({ batchKey: key })
        .where(and(isNull(memberNotices.batchKey), inArray(memberNotices.id, ids)));
    }
  });
}

/** The expiry reminders waiting to be sent whose batch is fixed, and whose retry (if any) is due at `now`. */
export function batchedReminders(engine: Engine, now: Date): Promise<MemberNotice[]> {
  return engine.read(async (tx) =>
    asNotices(
      await tx
        .select()
        .from(memberNotices)
        .where(
          and(
            stillToSend(memberNotices, true),
            isNotNull(memberNotices.batchKey),
            retryDue(memberNotices, now),
          ),
        )
        .orderBy(asc(memberNotices.id)),
    ),
  );
}

/** How pushing notices ended; `retry` after a passing failure, not before `retryAt`. */
export type NoticeOutcome =
  | { status: 'sent' | 'failed' | 'skipped' | 'over_quota'; error?: string; at: Date }
  | { status: 'retry'; error: string; retryAt: Date };

/**
 * Records how pushing these notices ended, and lets their claim go. Each outcome counts an attempt. Only `worker`'s
 * claims are settled (reminders, sent under a job run, are claimed by nobody): an instance whose lease ran out
 * changes nothing. Relaxed (ADR 3): an outcome a power cut loses only means the push is tried again under the
 * same retry key, which LINE answers with 409.
 */
export async function settleNotices(
  engine: Engine,
  ids: number[],
  worker: string | null,
  outcome: NoticeOutcome,
): Promise<void> {
  if (ids.length === 0) return;
  await engine.write(
    async (tx) => {
      await tx
        .update(memberNotices)
        .set({
          attempts: sql`${memberNotices.attempts} + 1`,
          lastError: outcome.error ?? null,
          claimedBy: null,
          claimedUntil: null,
          ...(outcome.status === 'retry'
            ? { retryAt: outcome.retryAt }
            : { status: outcome.status, ...(outcome.status === 'sent' && { sentAt: outcome.at }) }),
        })
        .where(
          and(
            inArray(memberNotices.id, ids),
            eq(memberNotices.status, 'pending'),
            worker === null ? isNull(memberNotices.claimedBy) : eq(memberNotices.claimedBy, worker),
          ),
        );
    },
    { durability: 'relaxed' },
  );
}

/** LINE counts its message quota by calendar month in Japan time: when the month holding `now` began. */
function quotaMonthStart(now: Date): Date {
  const japan = new Date(now.getTime() + 9 * 3_600_000);
  return new Date(Date.UTC(japan.getUTCFullYear(), japan.getUTCMonth(), 1) - 9 * 3_600_000);
}

/** Notices LINE refused this quota month because the monthly message quota was used up. */
export function noticesOverQuota(engine: Engine, now: Date): Promise<number> {
  return engine.read(async (tx) => {
    const [row] = await tx
      .select({ n: count() })
      .from(memberNotices)
      .where(and(eq(memberNotices.status, 'over_quota'), gte(memberNotices.createdAt, quotaMonthStart(now))));
    return row?.n ?? 0;
  });
}
