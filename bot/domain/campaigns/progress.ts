import { and, count, eq, gte, isNotNull, sql } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import { campaignBatches, campaignRecipients, campaigns } from '../../../db/schema.ts';
import { CampaignRefusal } from './refusals.ts';

/** How far a campaign has gone, counted from its batches: what the console shows while it sends. */
export interface CampaignProgress {
  status: (typeof campaigns.$inferSelect)['status'];
  recipients: number;
  heldOut: number;
  skipped: number;
  sent: number;
  failed: number;
  remaining: number;
  /** Recipients sent to a second over the last 10 seconds. */
  perSecond: number;
  /** At that pace; null when nothing is being sent. */
  secondsLeft: number | null;
}

const PACE_WINDOW_MS = 10_000;

/**
 * Counts a campaign's recipients sent, failed and still to send from its batches (so every instance shows the same),
 * and the pace over the last 10 seconds with the time left at that pace. One read snapshot.
 */
export function campaignProgress(engine: Engine, campaignId: number, now: Date): Promise<CampaignProgress> {
  return engine.read(async (tx) => {
    const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.id, campaignId));
    if (!campaign) throw CampaignRefusal.notFound();
    const b = campaignBatches;
    const sum = (status: string) =>
      sql<number>`coalesce(sum(case when ${b.status} = ${status} then ${b.size} else 0 end), 0)`.mapWith(
        Number,
      );
    const since = new Date(now.getTime() - PACE_WINDOW_MS);
    const [totals] = await tx
      .select({
        sent: sum('sent'),
        failed: sum('failed'),
        pending: sum('pending'),
        recent:
          sql<number>`coalesce(sum(case when ${and(eq(b.status, 'sent'), gte(b.sentAt, since))} then ${b.size} else 0 end), 0)`.mapWith(
            Number,
          ),
      })
      .from(b)
      .where(eq(b.campaignId, campaignId));
    const [skipped] = await tx
      .select({ n: count() })
      .from(campaignRecipients)
      .where(and(eq(campaignRecipients.campaignId, campaignId), isNotNull(campaignRecipients.skipped)));
    const remaining = campaign.status === 'cancelled' ? 0 : totals!.pending;
    const perSecond = Math.round((totals!.recent * 1000) / PACE_WINDOW_MS);
    return {
      status: campaign.status,
      recipients: campaign.recipients,
      heldOut: campaign.heldOut,
      skipped: skipped?.n ?? 0,
      sent: totals!.sent,
      failed: totals!.failed,
      remaining,
      perSecond,
      secondsLeft: remaining === 0 ? 0 : perSecond > 0 ? Math.ceil(remaining / perSecond) : null,
    };
  });
}
