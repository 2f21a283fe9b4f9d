import { setTimeout as sleep } from 'node:timers/promises';
import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { prepared, settable } from '../../db/prepared.ts';
import { lineFriends, memberNotices, members } from '../../db/schema.ts';
import { type MemberNotice, retryKeyFor } from '../domain/notices.ts';
import type { EventContext } from './context.ts';
import { drainLoop, giveWay, type WaitingCommits } from './drain-loop.ts';
import { describeLineError, isLineStatus, isTransientLineError } from './errors.ts';
import { noticeMessage } from './flex/points-notices.ts';
import { languageOf } from './messages.ts';

/** LINE accepts at most 500 recipients in one multicast. */
const MULTICAST_MAX = 500;
const MAX_ATTEMPTS = 5;

export interface NoticeSender {
  /** Something was queued: send what is pending. Returns at once. */
  wake(): void;
  /** Resolves when nothing is being sent: tests await it. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

type Context = Pick<EventContext, 'db' | 'line' | 'clock' | 'log' | 'liffId'> & {
  /**
   * Where a push's outcome is written: the event processor's relaxed connection (ADR 0003). An outcome lost in
   * a power cut only means the push is tried again under the same retry key, which LINE answers with 409.
   * Reminder batches are fixed on `db`, fully synced, because they choose the retry key.
   */
  outcomesDb?: Db;
};

const pendingNotices = prepared((db) =>
  db
    .select()
    .from(memberNotices)
    .where(and(eq(memberNotices.status, 'pending'), lt(memberNotices.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(memberNotices.id))
    .limit(100)
    .prepare(),
);

const markNotice = prepared((db) =>
  db
    .update(memberNotices)
    .set({
      status: settable<MemberNotice['status']>('status'),
      attempts: sql`${memberNotices.attempts} + 1`,
      lastError: settable<string | null>('error'),
      sentAt: sql`coalesce(${sql.placeholder('sentAt')}, ${memberNotices.sentAt})`,
    })
    .where(eq(memberNotices.id, sql.placeholder('id')))
    .prepare(),
);

const memberToTell = prepared((db) =>
  db
    .select({
      lineUserId: members.lineUserId,
      status: members.status,
      friendStatus: lineFriends.status,
      language: lineFriends.language,
    })
    .from(members)
    .leftJoin(lineFriends, eq(lineFriends.lineUserId, members.lineUserId))
    .where(eq(members.id, sql.placeholder('memberId')))
    .prepare(),
);

/**
 * Pushes the member notices the domain queued (after purchases, refunds, tier changes, and expiry reminders).
 * Each push carries the notice's retry key, so a retry after a timeout or a crash is not delivered twice (LINE
 * answers 409 and it counts as sent). Reminders with the same date and language go out by multicast, in batches
 * that are fixed before sending. A passing failure leaves the notice pending for the next wake, up to 5 tries.
 * Requests waiting for their commit go before each push (answering comes first).
 */
export function createNoticeSender(
  ctx: Context,
  { retryDelayMs = 5_000, commits }: { retryDelayMs?: number; commits?: WaitingCommits } = {},
): NoticeSender {
  const outcomes = ctx.outcomesDb ?? ctx.db;
  const pending = () => pendingNotices(outcomes).all();

  const mark = (ids: number[], status: 'sent' | 'failed' | 'skipped' | 'pending', error?: string) => {
    const sentAt = status === 'sent' ? ctx.clock.now().getTime() : null;
    outcomes.transaction((tx) => {
      for (const id of ids) markNotice(tx).run({ status, error: error ?? null, sentAt, id });
    });
  };

  function recipient(memberId: number) {
    const member = memberToTell(outcomes).get({ memberId });
    if (!member?.lineUserId || member.status !== 'active' || member.friendStatus === 'blocked') return null;
    return { lineUserId: member.lineUserId, language: languageOf(member.language) };
  }

  /** Sends; true when LINE took it (or had taken it already), false when it should be tried again later. */
  async function send(ids: number[], attempt: () => Promise<unknown>): Promise<boolean> {
    try {
      await attempt();
      mark(ids, 'sent');
      return true;
    } catch (error) {
      if (isLineStatus(error, 409)) {
        mark(ids, 'sent');
        return true;
      }
      const transient = isTransientLineError(error) && !isLineStatus(error, 429);
      ctx.log.error({ ...describeLineError(error), notices: ids }, 'member notice failed');
      const message = error instanceof Error ? error.message : String(error);
      mark(ids, transient ? 'pending' : 'failed', message);
      return !transient;
    }
  }

  async function sendReminders(notices: MemberNotice[]): Promise<boolean> {
    // Fix the batches first, so that a retry sends the same recipients under the same key.
    const unbatched = notices.filter((notice) => notice.batchKey === null);
    const groups = new Map<string, number[]>();
    for (const notice of unbatched) {
      const to = recipient(notice.memberId);
      if (!to) {
        mark([notice.id], 'skipped');
        continue;
      }
      const group = `${String(notice.data.expiresAt)}|${to.language}`;
      groups.set(group, [...(groups.get(group) ?? []), notice.id]);
    }
    for (const [group, ids] of groups) {
      for (let i = 0; i < ids.length; i += MULTICAST_MAX) {
        const batch = ids.slice(i, i + MULTICAST_MAX);
        const key = retryKeyFor(`reminders:${group}:${batch.join(',')}`);
        ctx.db
          .update(memberNotices)
          .set({ batchKey: key })
          .where(
            and(
              isNull(memberNotices.batchKey),
              sql`${memberNotices.id} IN (${sql.join(
                batch.map((id) => sql`${id}`),
                sql`, `,
              )})`,
            ),
          )
          .run();
      }
    }
    const batched = ctx.db
      .select()
      .from(memberNotices)
      .where(and(eq(memberNotices.status, 'pending'), eq(memberNotices.kind, 'points_expiring')))
      .all()
      .filter((notice) => notice.batchKey !== null);
    const byKey = Map.groupBy(batched, (notice) => notice.batchKey!);
    let allDone = true;
    for (const [key, batch] of byKey) {
      const recipients = batch.map((notice) => ({ notice, to: recipient(notice.memberId) }));
      const language = recipients.find((r) => r.to)?.to?.language ?? 'zh-TW';
      const to = recipients.flatMap((r) => (r.to ? [r.to.lineUserId] : []));
      const ids = batch.map((notice) => notice.id);
      if (to.length === 0) {
        mark(ids, 'skipped');
        continue;
      }
      const message = noticeMessage(batch[0]!, ctx.liffId, language);
      allDone =
        (await send(ids, () => ctx.line.messaging.multicast({ to, messages: [message] }, key))) && allDone;
    }
    return allDone;
  }

  async function drain(): Promise<void> {
    for (let batch = pending(); batch.length > 0 && !loop.stopping(); batch = pending()) {
      let progress = false;
      const reminders = batch.filter((notice) => notice.kind === 'points_expiring');
      if (reminders.length > 0) progress = (await sendReminders(reminders)) || progress;
      for (const notice of batch.filter((n) => n.kind !== 'points_expiring')) {
        await giveWay(commits);
        const to = recipient(notice.memberId);
        if (!to) {
          mark([notice.id], 'skipped');
          progress = true;
          continue;
        }
        const message = noticeMessage(notice, ctx.liffId, to.language);
        const done = await send([notice.id], () =>
          ctx.line.messaging.pushMessage({ to: to.lineUserId, messages: [message] }, notice.retryKey),
        );
        progress = done || progress;
      }
      // Only passing failures left: try again a little later rather than in a tight loop.
      if (!progress) await sleep(retryDelayMs);
    }
  }

  const loop = drainLoop(drain, (error: unknown) => ctx.log.error({ err: error }, 'member notices stopped'));
  return loop;
}
