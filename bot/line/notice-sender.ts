import { setTimeout as sleep } from 'node:timers/promises';
import { type MemberNotice, retryKeyFor } from '../domain/notices.ts';
import {
  batchedReminders,
  fixReminderBatches,
  markNotices,
  noticeRecipients,
  pendingNotices,
} from '../domain/notices-outbox.ts';
import type { EventContext } from './context.ts';
import { drainLoop, giveWay } from './drain-loop.ts';
import { describeLineError, isLineStatus, isTransientLineError } from './errors.ts';
import { noticeMessage } from './flex/points-notices.ts';
import { languageOf } from './messages.ts';

/** LINE accepts at most 500 recipients in one multicast. */
const MULTICAST_MAX = 500;

export interface NoticeSender {
  /** Something was queued: send what is pending. Returns at once. */
  wake(): void;
  /** Resolves when nothing is being sent: tests await it. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

type Context = Pick<EventContext, 'engine' | 'line' | 'clock' | 'log' | 'liffId'>;

/**
 * Pushes the member notices the domain queued (after purchases, refunds, tier changes, and expiry reminders).
 * Each push carries the notice's retry key, so a retry after a timeout or a crash is not delivered twice (LINE
 * answers 409 and it counts as sent). Reminders with the same date and language go out by multicast, in batches
 * that are fixed before sending. A passing failure leaves the notice pending for the next wake, up to 5 tries.
 * Requests waiting for their commit go before each push (answering comes first).
 */
export function createNoticeSender(
  ctx: Context,
  { retryDelayMs = 5_000 }: { retryDelayMs?: number } = {},
): NoticeSender {
  const mark = (ids: number[], status: 'sent' | 'failed' | 'skipped' | 'pending', error?: string) =>
    markNotices(ctx.engine, ids, { status, error, at: ctx.clock.now() });

  async function recipient(memberId: number) {
    const to = (await noticeRecipients(ctx.engine, [memberId])).get(memberId);
    return to ? { lineUserId: to.lineUserId, language: languageOf(to.language) } : null;
  }

  /** Sends; true when LINE took it (or had taken it already), false when it should be tried again later. */
  async function send(ids: number[], attempt: () => Promise<unknown>): Promise<boolean> {
    try {
      await attempt();
    } catch (error) {
      if (!isLineStatus(error, 409)) {
        const transient = isTransientLineError(error) && !isLineStatus(error, 429);
        ctx.log.error({ ...describeLineError(error), notices: ids }, 'member notice failed');
        const message = error instanceof Error ? error.message : String(error);
        await mark(ids, transient ? 'pending' : 'failed', message);
        return !transient;
      }
    }
    await mark(ids, 'sent');
    return true;
  }

  async function sendReminders(notices: MemberNotice[]): Promise<boolean> {
    // Fix the batches first, so that a retry sends the same recipients under the same key.
    const unbatched = notices.filter((notice) => notice.batchKey === null);
    const recipients = await noticeRecipients(
      ctx.engine,
      unbatched.map((notice) => notice.memberId),
    );
    const groups = new Map<string, number[]>();
    for (const notice of unbatched) {
      const to = recipients.get(notice.memberId);
      if (!to) {
        await mark([notice.id], 'skipped');
        continue;
      }
      const group = `${String(notice.data.expiresAt)}|${languageOf(to.language)}`;
      groups.set(group, [...(groups.get(group) ?? []), notice.id]);
    }
    const batches = [...groups].flatMap(([group, ids]) =>
      Array.from({ length: Math.ceil(ids.length / MULTICAST_MAX) }, (_, i) => {
        const batch = ids.slice(i * MULTICAST_MAX, (i + 1) * MULTICAST_MAX);
        return { key: retryKeyFor(`reminders:${group}:${batch.join(',')}`), ids: batch };
      }),
    );
    await fixReminderBatches(ctx.engine, batches);
    const byKey = Map.groupBy(await batchedReminders(ctx.engine), (notice) => notice.batchKey!);
    let allDone = true;
    for (const [key, batch] of byKey) {
      const known = await noticeRecipients(
        ctx.engine,
        batch.map((notice) => notice.memberId),
      );
      const tos = batch.flatMap((notice) => known.get(notice.memberId) ?? []);
      const language = languageOf(tos[0]?.language);
      const ids = batch.map((notice) => notice.id);
      if (tos.length === 0) {
        await mark(ids, 'skipped');
        continue;
      }
      const message = noticeMessage(batch[0]!, ctx.liffId, language);
      const to = tos.map((r) => r.lineUserId);
      allDone =
        (await send(ids, () => ctx.line.messaging.multicast({ to, messages: [message] }, key))) && allDone;
    }
    return allDone;
  }

  async function drain(): Promise<void> {
    for (
      let batch = await pendingNotices(ctx.engine);
      batch.length > 0 && !loop.stopping();
      batch = await pendingNotices(ctx.engine)
    ) {
      let progress = false;
      const reminders = batch.filter((notice) => notice.kind === 'points_expiring');
      if (reminders.length > 0) progress = (await sendReminders(reminders)) || progress;
      for (const notice of batch.filter((n) => n.kind !== 'points_expiring')) {
        await giveWay(ctx.engine);
        const to = await recipient(notice.memberId);
        if (!to) {
          await mark([notice.id], 'skipped');
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
