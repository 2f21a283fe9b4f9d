import { quietUntil } from '../domain/campaigns/quiet-hours.ts';
import { claimJobRun, settleJobRun } from '../domain/job-runs.ts';
import { type MemberNotice, retryKeyFor } from '../domain/notices.ts';
import {
  batchedReminders,
  claimNotices,
  fixReminderBatches,
  noticeRecipients,
  pendingReminders,
  settleNotices,
} from '../domain/notices-outbox.ts';
import type { EventContext } from './context.ts';
import { drainLoop, giveWay } from './drain-loop.ts';
import {
  describeLineError,
  isLineStatus,
  isMonthlyQuotaError,
  isTransientLineError,
  lineErrorText,
} from './errors.ts';
import { fromBrand } from './flex/brand.ts';
import { lastValidDay } from './flex/parts.ts';
import { noticeMessage } from './flex/points-notices.ts';
import { languageOf } from './messages.ts';
import { workPool } from './work-pool.ts';

/** LINE accepts at most 500 recipients in one multicast. */
const MULTICAST_MAX = 500;

/**
 * What makes reminders one message, so that they can share a multicast: points expiring on one date; the same
 * coupons (titles and last days) expiring, as when a campaign's coupon runs out for everyone who claimed it.
 */
function sameMessage(notice: MemberNotice): string {
  if (notice.kind === 'points_expiring') return notice.data.expiresAt;
  if (notice.kind === 'coupons_expiring') {
    const told = notice.data.coupons.map((c) => [c.title, c.titleEn, lastValidDay(c.validUntil)]);
    return `coupons:${JSON.stringify(told)}`;
  }
  return `notice:${notice.id}`;
}

export interface NoticeSender {
  /** Something was queued: send what is pending. Returns at once. */
  wake(): void;
  /** Resolves when nothing is being sent: tests await it. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

type Context = Pick<EventContext, 'engine' | 'worker' | 'line' | 'clock' | 'log' | 'liffId' | 'brandName'>;

export interface SenderOptions {
  /** Waits before the 2nd, 3rd… try of a push LINE refused for a passing reason (5xx, its rate limit's 429). */
  retryDelaysMs?: number[];
  /** Members whose notices are pushed at once; one member's notices go one after another. */
  concurrency?: number;
  leaseMs?: number;
  pollMs?: number;
}

/**
 * Pushes the member notices the domain queued (after purchases, refunds, tier changes, and expiry reminders), on
 * every instance at once, each claiming notices with a lease. Each push carries the notice's retry key, so a retry
 * after a timeout or a crash is not delivered twice (LINE answers 409 and it counts as sent). A passing failure
 * (LINE 5xx, its rate limit's 429, a timeout) is tried again after a growing wait, up to 5 tries; LINE's 429 for a
 * used-up monthly quota is recorded as `over_quota`. Reminders with the same date and language go out by
 * multicast, in batches fixed before sending, by one instance at a time (a job run). Requests waiting for their
 * commit go before each push (answering comes first).
 */
export function createNoticeSender(
  ctx: Context,
  {
    retryDelaysMs = [5_000, 30_000, 120_000, 600_000],
    concurrency = 8,
    leaseMs = 120_000,
    pollMs = 5_000,
  }: SenderOptions = {},
): NoticeSender {
  /** Sends, then records how it ended for the notices `ids` (claimed by `worker`, or reminders: nobody). */
  async function send(notices: MemberNotice[], worker: string | null, attempt: () => Promise<unknown>) {
    const ids = notices.map((notice) => notice.id);
    const at = ctx.clock.now();
    try {
      await attempt();
    } catch (error) {
      if (!isLineStatus(error, 409)) {
        ctx.log.error({ ...describeLineError(error), notices: ids }, 'member notice failed');
        const message = lineErrorText(error);
        const delay = isTransientLineError(error) ? retryDelaysMs[notices[0]!.attempts] : undefined;
        if (isMonthlyQuotaError(error)) {
          await settleNotices(ctx.engine, ids, worker, { status: 'over_quota', error: message, at });
        } else if (delay === undefined) {
          await settleNotices(ctx.engine, ids, worker, { status: 'failed', error: message, at });
        } else {
          const retryAt = new Date(at.getTime() + delay);
          await settleNotices(ctx.engine, ids, worker, { status: 'retry', error: message, retryAt });
          pool.wakeAfter(delay);
          reminders.wakeAfter(delay);
        }
        return;
      }
    }
    await settleNotices(ctx.engine, ids, worker, { status: 'sent', at });
  }

  async function pushOne(notice: MemberNotice): Promise<void> {
    await giveWay(ctx.engine);
    const to = (await noticeRecipients(ctx.engine, [notice.memberId])).get(notice.memberId);
    if (!to) {
      await settleNotices(ctx.engine, [notice.id], ctx.worker, { status: 'skipped', at: ctx.clock.now() });
      return;
    }
    const message = fromBrand(noticeMessage(notice, ctx.liffId, languageOf(to.language)), ctx.brandName);
    await send([notice], ctx.worker, () =>
      ctx.line.messaging.pushMessage({ to: to.lineUserId, messages: [message] }, notice.retryKey),
    );
  }

  /** Fixes the batches of reminders not yet batched, then multicasts every batch that is due. */
  async function sendReminders(): Promise<void> {
    // In quiet hours they wait: the loop looks again every `pollMs`, so they go once the hours end.
    if (await quietUntil(ctx.engine, ctx.clock.now())) return;
    const unbatched = (await pendingReminders(ctx.engine)).filter((notice) => notice.batchKey === null);
    const recipients = await noticeRecipients(
      ctx.engine,
      unbatched.map((notice) => notice.memberId),
    );
    const groups = new Map<string, number[]>();
    for (const notice of unbatched) {
      const to = recipients.get(notice.memberId);
      if (!to) {
        await settleNotices(ctx.engine, [notice.id], null, { status: 'skipped', at: ctx.clock.now() });
        continue;
      }
      const group = `${sameMessage(notice)}|${languageOf(to.language)}`;
      groups.set(group, [...(groups.get(group) ?? []), notice.id]);
    }
    // Fix the batches first, so that a retry sends the same recipients under the same key.
    const batches = [...groups].flatMap(([group, ids]) =>
      Array.from({ length: Math.ceil(ids.length / MULTICAST_MAX) }, (_, i) => {
        const batch = ids.slice(i * MULTICAST_MAX, (i + 1) * MULTICAST_MAX);
        return { key: retryKeyFor(`reminders:${group}:${batch.join(',')}`), ids: batch };
      }),
    );
    await fixReminderBatches(ctx.engine, batches);
    const byKey = Map.groupBy(await batchedReminders(ctx.engine, ctx.clock.now()), (n) => n.batchKey!);
    for (const [key, batch] of byKey) {
      await giveWay(ctx.engine);
      const known = await noticeRecipients(
        ctx.engine,
        batch.map((notice) => notice.memberId),
      );
      const tos = batch.flatMap((notice) => known.get(notice.memberId) ?? []);
      if (tos.length === 0) {
        const ids = batch.map((notice) => notice.id);
        await settleNotices(ctx.engine, ids, null, { status: 'skipped', at: ctx.clock.now() });
        continue;
      }
      const message = fromBrand(
        noticeMessage(batch[0]!, ctx.liffId, languageOf(tos[0]?.language)),
        ctx.brandName,
      );
      const to = tos.map((r) => r.lineUserId);
      await send(batch, null, () => ctx.line.messaging.multicast({ to, messages: [message] }, key));
    }
  }

  /** One instance at a time sends reminders: it holds the job run while it does. */
  async function remindersUnderLease(): Promise<void> {
    const run = { name: 'expiry_reminders', runKey: 'sender', worker: ctx.worker };
    if (!(await claimJobRun(ctx.engine, { ...run, now: ctx.clock.now(), leaseMs }))) return;
    try {
      await sendReminders();
    } finally {
      await settleJobRun(ctx.engine, { ...run, now: ctx.clock.now() }, { finished: false });
    }
  }

  const onError = (error: unknown) => ctx.log.error({ err: error }, 'member notices failed');
  const pool = workPool({
    claim: (room) =>
      claimNotices(ctx.engine, { worker: ctx.worker, limit: room, now: ctx.clock.now(), leaseMs }),
    work: pushOne,
    concurrency,
    pollMs,
    onError,
  });
  const reminders = drainLoop(remindersUnderLease, onError, pollMs);
  const wake = () => {
    pool.wake();
    reminders.wake();
  };
  // Reminders come from the daily job (once a day) and are looked for on its signal and every `pollMs`, not on
  // every purchase's notice.
  const stopListening = ctx.engine.listen('member_notices', pool.wake);
  const stopListeningForReminders = ctx.engine.listen('expiry_reminders', reminders.wake);
  return {
    wake,
    async idle() {
      await Promise.all([pool.idle(), reminders.idle()]);
      await Promise.all([pool.idle(), reminders.idle()]);
    },
    async stop() {
      stopListening();
      stopListeningForReminders();
      await Promise.all([pool.stop(), reminders.stop()]);
    },
  };
}
