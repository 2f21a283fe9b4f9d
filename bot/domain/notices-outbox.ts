import { and, asc, eq, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Engine } from '../../db/engine.ts';
import { prepared } from '../../db/prepared.ts';
import { lineFriends, memberNotices, members } from '../../db/schema.ts';
import type { MemberNotice } from './notices.ts';

/**
 * The notices queued for members (bot/domain/notices.ts) as the notice sender (bot/line/notice-sender.ts) works
 * through them: what waits, whom it goes to, how reminders are batched, and how each push ended.
 */

/** A notice LINE refused for a passing reason this often is left pending for good. */
export const NOTICE_MAX_ATTEMPTS = 5;

const pending = prepared('pending_member_notices', (tx) =>
  tx
    .select()
    .from(memberNotices)
    .where(and(eq(memberNotices.status, 'pending'), lt(memberNotices.attempts, NOTICE_MAX_ATTEMPTS)))
    .orderBy(asc(memberNotices.id))
    .limit(100),
);

/** Up to 100 notices waiting to be pushed, oldest first. */
export function pendingNotices(engine: Engine): Promise<MemberNotice[]> {
  return engine.read((tx) => pending(tx).execute());
}

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

/** The expiry reminders waiting to be sent whose batch is fixed. */
export function batchedReminders(engine: Engine): Promise<MemberNotice[]> {
  return engine.read(
    async (tx) =>
      await tx
        .select()
        .from(memberNotices)
        .where(
          and(
            eq(memberNotices.status, 'pending'),
            eq(memberNotices.kind, 'points_expiring'),
            isNotNull(memberNotices.batchKey),
          ),
        )
        .orderBy(asc(memberNotices.id)),
  );
}

/**
 * Records how pushing these notices ended: `pending` when LINE failed for a passing reason and it is tried again.
 * Each outcome counts an attempt. Relaxed (ADR 0003): an outcome a power cut loses only means the push is tried
 * again under the same retry key, which LINE answers with 409.
 */
export async function markNotices(
  engine: Engine,
  ids: number[],
  outcome: { status: 'sent' | 'failed' | 'skipped' | 'pending'; error?: string; at: Date },
): Promise<void> {
  if (ids.length === 0) return;
  await engine.write(
    async (tx) => {
      await tx
        .update(memberNotices)
        .set({
          status: outcome.status,
          attempts: sql`${memberNotices.attempts} + 1`,
          lastError: outcome.error ?? null,
          ...(outcome.status === 'sent' && { sentAt: outcome.at }),
        })
        .where(inArray(memberNotices.id, ids));
    },
    { durability: 'relaxed' },
  );
}
