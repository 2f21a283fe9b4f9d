import { and, eq, inArray, isNull, lt, lte, notExists, or, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { campaignBatches, campaigns } from '../../../db/schema.ts';
import { type Actor, auditAs } from '../actor.ts';
import { quietHoursEnd, sendingRules, sendingTime } from './quiet-hours.ts';
import { CampaignRefusal } from './refusals.ts';

export { freezeNextCampaign } from './freezing.ts';
export { type CampaignProgress, campaignProgress } from './progress.ts';

export type Campaign = typeof campaigns.$inferSelect;
type Status = Campaign['status'];

async function campaignOf(tx: Tx, campaignId: number): Promise<Campaign> {
  const [campaign] = await tx.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (!campaign) throw CampaignRefusal.notFound();
  return campaign;
}

/**
 * Starts a draft campaign: records the intent, for the sender to freeze its recipients in the background
 * (freezing.ts), so the request answers at once however many they are. In one transaction: status `freezing`,
 * scheduledAt moved to the end of quiet hours when it would fall in them (or when it is sent now in them), and the
 * `campaign.start` audit. Idempotent: a start of a campaign already started answers the campaign as it stands.
 */
export async function startCampaign(
  engine: Engine,
  campaignId: number,
  actor: Actor,
  now: Date,
): Promise<Campaign> {
  return engine.write(async (tx) => {
    const campaign = await campaignOf(tx, campaignId);
    if (campaign.status !== 'draft') return campaign;
    const sendAt = sendingTime(campaign.scheduledAt, now, await sendingRules(tx));
    const [row] = await tx
      .update(campaigns)
      .set({ status: 'freezing', scheduledAt: sendAt > now ? sendAt : campaign.scheduledAt, updatedAt: now })
      .where(and(eq(campaigns.id, campaignId), eq(campaigns.status, 'draft')))
      .returning();
    if (!row) return campaignOf(tx, campaignId);
    await auditAs(tx, actor, now, {
      action: 'campaign.start',
      subjectType: 'campaign',
      subjectId: campaignId,
      before: { status: 'draft' },
      after: { status: row.status, scheduledAt: row.scheduledAt },
    });
    return row;
  });
}

/** Moves a campaign from one of `from` to `to`, audited as `action`; refused from any other status. */
function moveCampaign(
  action: 'pause' | 'resume' | 'cancel',
  from: Status[],
  to: Status,
  words: { zh: string; en: string },
) {
  return (engine: Engine, campaignId: number, actor: Actor, now: Date): Promise<Campaign> =>
    engine.write(async (tx) => {
      const campaign = await campaignOf(tx, campaignId);
      if (!from.includes(campaign.status)) throw CampaignRefusal.state(campaign.status, words.zh, words.en);
      const [row] = await tx
        .update(campaigns)
        .set({ status: to, updatedAt: now, ...(to === 'cancelled' && { finishedAt: now }) })
        .where(eq(campaigns.id, campaignId))
        .returning();
      await auditAs(tx, actor, now, {
        action: `campaign.${action}`,
        subjectType: 'campaign',
        subjectId: campaignId,
        before: { status: campaign.status },
        after: { status: to },
      });
      return row!;
    });
}

/** Stops sending at the next batch boundary: the batches being sent finish, no other is claimed. */
export const pauseCampaign = moveCampaign('pause', ['sending'], 'paused', { zh: '暫停', en: 'paused' });
/** Sends the rest again (in quiet hours the sender holds it until they end). */
export const resumeCampaign = moveCampaign('resume', ['paused'], 'sending', { zh: '繼續', en: 'resumed' });
/** Sends no more: batches not yet sent stay unsent. */
export const cancelCampaign = moveCampaign(
  'cancel',
  ['draft', 'freezing', 'scheduled', 'sending', 'paused'],
  'cancelled',
  {
    zh: '取消',
    en: 'cancelled',
  },
);

/**
 * What the sender checks every few seconds, on every instance alike (each step is one conditional update): a
 * scheduled campaign whose time has come starts sending, unless quiet hours hold it to their end; a campaign
 * sending when quiet hours start waits for their end as scheduled (the batch in hand finishes); a sending
 * campaign with no batch left pending is sent. Answers whether any campaign is sending.
 */
export async function advanceCampaigns(engine: Engine, now: Date): Promise<boolean> {
  // Most of the time no campaign is under way: a read answers, and nothing is written every few seconds.
  const underWay = await engine.read((tx) =>
    tx
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(inArray(campaigns.status, ['scheduled', 'sending']))
      .limit(1),
  );
  if (underWay.length === 0) return false;
  return engine.write(async (tx) => {
    const rules = await sendingRules(tx);
    const quietUntil = quietHoursEnd(now, rules);
    if (quietUntil) {
      await tx
        .update(campaigns)
        .set({ status: 'scheduled', scheduledAt: quietUntil, updatedAt: now })
        .where(
          and(
            inArray(campaigns.status, ['scheduled', 'sending']),
            or(isNull(campaigns.scheduledAt), lt(campaigns.scheduledAt, quietUntil)),
          ),
        );
      return false;
    }
    await tx
      .update(campaigns)
      .set({ status: 'sending', updatedAt: now })
      .where(and(eq(campaigns.status, 'scheduled'), lte(campaigns.scheduledAt, now)));
    await tx
      .update(campaigns)
      .set({ startedAt: now })
      .where(and(eq(campaigns.status, 'sending'), isNull(campaigns.startedAt)));
    const b = campaignBatches;
    await tx
      .update(campaigns)
      .set({ status: 'sent', finishedAt: now, updatedAt: now })
      .where(
        and(
          eq(campaigns.status, 'sending'),
          notExists(
            tx
              .select({ one: sql`1` })
              .from(b)
              .where(and(eq(b.campaignId, campaigns.id), eq(b.status, 'pending'))),
          ),
        ),
      );
    const [sending] = await tx
      .select({ id: campaigns.id })
      .from(campaigns)
      .where(eq(campaigns.status, 'sending'))
      .limit(1);
    return sending !== undefined;
  });
}
