import { setTimeout as sleep } from 'node:timers/promises';
import { HTTPFetchError, type messagingApi } from '@line/bot-sdk';
import {
  BATCH_MAX_ATTEMPTS,
  batchRecipients,
  type ClaimedBatch,
  claimBatches,
  releaseBatch,
  settleBatch,
} from '../domain/campaigns/batches.ts';
import { campaignIn } from '../domain/campaigns/campaigns.ts';
import { clickToken } from '../domain/campaigns/clicks.ts';
import { sendingRules } from '../domain/campaigns/quiet-hours.ts';
import { takeRateSlot } from '../domain/campaigns/rate-limit.ts';
import { advanceCampaigns, freezeNextCampaign } from '../domain/campaigns/sending.ts';
import { offerFor } from '../domain/coupon-wallet.ts';
import type { EventContext } from './context.ts';
import { drainLoop } from './drain-loop.ts';
import {
  describeLineError,
  isLineStatus,
  isMonthlyQuotaError,
  isTransientLineError,
  lineErrorText,
} from './errors.ts';
import { campaignMessages } from './flex/campaign-messages.ts';
import { workPool } from './work-pool.ts';

export interface CampaignSender {
  /** A campaign was started, resumed or scheduled: look for batches now. Returns at once. */
  wake(): void;
  /** Resolves when nothing is being sent: tests await it. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

type Context = Pick<EventContext, 'engine' | 'worker' | 'line' | 'clock' | 'log' | 'liffId'>;

export interface CampaignSenderOptions {
  /** Waits before the 2nd, 3rd… try of a batch (the last repeats); LINE's Retry-After, when it gives one, wins. */
  retryDelaysMs?: number[];
  /** Batches sent at once by this instance: the shared per-second limit paces them all. */
  concurrency?: number;
  leaseMs?: number;
  /** How often scheduled campaigns, quiet hours and lapsed leases are looked at. */
  pollMs?: number;
}

/**
 * The messages of a batch, in its language: the coupon's offer as to a member who holds none of it yet, and the
 * campaign's click token on its buttons, so the member app counts each recipient's click (clicks.ts).
 */
async function messagesOf(ctx: Context, batch: ClaimedBatch): Promise<messagingApi.Message[]> {
  const { message } = batch;
  if (message.kind === 'text') return campaignMessages(message, batch.language, { liffId: ctx.liffId });
  const { offer, token } = await ctx.engine.read(async (tx) => ({
    offer: message.kind === 'coupon' ? await offerFor(tx, 0, message.templateId, ctx.clock.now()) : undefined,
    token: clickToken(await campaignIn(tx, batch.campaignId)),
  }));
  return campaignMessages(message, batch.language, { liffId: ctx.liffId, offer, token });
}

/** Multicasts of one instance are this much further apart than the limit allows: room for network jitter. */
const PACE_MARGIN = 1.02;

/** LINE's Retry-After in milliseconds, when its 429 gives one. */
function retryAfterMs(error: unknown): number | undefined {
  if (!(error instanceof HTTPFetchError)) return undefined;
  const seconds = Number(error.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

/**
 * Sends started campaigns, on every instance at once (ADR 29): claims due batches under a lease, takes a slot of
 * the shared per-second limit (rate_windows), multicasts each batch with its own retry key and the campaign's
 * aggregation unit, and records how it ended: sent (LINE's 409 for a key it already took too), tried again later
 * under the same key (429, 5xx, a timeout), or failed after BATCH_MAX_ATTEMPTS or at once for a refusal that would
 * not pass. Every few seconds it also freezes started campaigns' recipients (freezeNextCampaign, one instance a
 * campaign), starts scheduled campaigns, holds them in quiet hours and marks finished ones sent (advanceCampaigns).
 * A batch or a freeze a dead instance held is taken over when its lease runs out.
 */
export function createCampaignSender(
  ctx: Context,
  {
    retryDelaysMs = [1_000, 5_000, 30_000, 120_000],
    concurrency = 8,
    leaseMs = 120_000,
    pollMs = 2_000,
  }: CampaignSenderOptions = {},
): CampaignSender {
  /** A campaign's messages in one language are built once (the offer and click token read once), not per batch. */
  const built = new Map<string, Promise<messagingApi.Message[]>>();
  function messagesFor(batch: ClaimedBatch): Promise<messagingApi.Message[]> {
    const key = `${batch.campaignId}:${batch.language}`;
    let messages = built.get(key);
    if (!messages) {
      if (built.size >= 32) built.clear();
      messages = messagesOf(ctx, batch);
      messages.catch(() => built.delete(key));
      built.set(key, messages);
    }
    return messages;
  }

  /**
   * This instance's multicasts are spread evenly, a little under the limit apart: LINE counts any second, not
   * only whole clock seconds, so a window's slots all spent at its start would be refused (429) by the next.
   */
  let nextSendAt = 0;
  async function paced(requestsPerSecond: number): Promise<void> {
    const now = performance.now();
    const at = Math.max(now, nextSendAt);
    nextSendAt = at + (1000 / requestsPerSecond) * PACE_MARGIN;
    if (at > now) await sleep(at - now);
  }

  async function sendBatch(batch: ClaimedBatch): Promise<void> {
    const { requestsPerSecond } = await ctx.engine.read(sendingRules);
    // Read before the rate slot is taken, so the request goes out in the second it was given.
    const to = await batchRecipients(ctx.engine, batch.campaignId, batch.batchNo);
    for (let wait = -1; wait !== 0; ) {
      if (pool.stopping()) return releaseBatch(ctx.engine, batch.id, ctx.worker);
      if (wait > 0) await sleep(wait);
      wait = await takeRateSlot(ctx.engine, 'multicast', requestsPerSecond, ctx.clock.now());
    }
    await paced(requestsPerSecond);
    try {
      if (to.length > 0) {
        const messages = await messagesFor(batch);
        await ctx.line.messaging.multicast(
          { to, messages, customAggregationUnits: [batch.aggregationUnit] },
          batch.retryKey,
        );
      }
    } catch (error) {
      if (!isLineStatus(error, 409)) {
        ctx.log.error(
          { ...describeLineError(error), campaign: batch.campaignId, batch: batch.batchNo },
          'campaign batch failed',
        );
        const at = ctx.clock.now();
        const text = lineErrorText(error);
        const retry =
          isTransientLineError(error) &&
          !isMonthlyQuotaError(error) &&
          batch.attempts + 1 < BATCH_MAX_ATTEMPTS;
        if (!retry) {
          await settleBatch(ctx.engine, batch, ctx.worker, { status: 'failed', error: text, at });
          return campaigns.wake();
        }
        const delay =
          retryAfterMs(error) ?? retryDelaysMs[Math.min(batch.attempts, retryDelaysMs.length - 1)] ?? 0;
        await settleBatch(ctx.engine, batch, ctx.worker, {
          status: 'retry',
          error: text,
          retryAt: new Date(at.getTime() + delay),
        });
        pool.wakeAfter(delay);
        return;
      }
    }
    await settleBatch(ctx.engine, batch, ctx.worker, { status: 'sent', at: ctx.clock.now() });
    // The last batch may have gone: the campaign is then sent.
    campaigns.wake();
  }

  const onError = (error: unknown) => ctx.log.error({ err: error }, 'campaign sending failed');
  let stopping = false;
  const batches = workPool({
    claim: (room) =>
      claimBatches(ctx.engine, { worker: ctx.worker, limit: room, now: ctx.clock.now(), leaseMs }),
    work: sendBatch,
    concurrency,
    pollMs,
    onError,
  });
  const pool = { ...batches, stopping: () => stopping };
  /** Started campaigns' recipients, frozen one campaign at a time under a job run; then they can send. */
  const freezes = drainLoop(
    async () => {
      const work = { worker: ctx.worker, now: () => ctx.clock.now(), stopping: () => stopping };
      while (!stopping && (await freezeNextCampaign(ctx.engine, work))) campaigns.wake();
    },
    onError,
    pollMs,
  );
  /** Campaigns' statuses first (scheduled, quiet hours, finished), then the batches of those sending. */
  const campaigns = drainLoop(
    async () => {
      if (await advanceCampaigns(ctx.engine, ctx.clock.now())) batches.wake();
    },
    onError,
    pollMs,
  );
  return {
    wake: () => {
      freezes.wake();
      campaigns.wake();
      batches.wake();
    },
    async idle() {
      await freezes.idle();
      await Promise.all([campaigns.idle(), batches.idle()]);
      await campaigns.idle();
    },
    async stop() {
      stopping = true;
      await Promise.all([freezes.stop(), campaigns.stop(), batches.stop()]);
    },
  };
}
