import { and, asc, eq } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { campaignBatches, campaignRecipients, campaigns } from '../../../db/schema.ts';
import { claimJobRun, type RunWorker, renewJobRun, settleJobRun } from '../job-runs.ts';
import { listedMembersOf } from '../journeys/entrants.ts';
import { addNewMembersToFacts } from '../segments/facts.ts';
import type { Rule } from '../segments/rules.ts';
import { freezeRecipients } from './freeze.ts';
import { sendingRules } from './quiet-hours.ts';

/** How long a freeze is this worker's without a page written: a dead instance's is taken over after it. */
export const FREEZE_LEASE_MS = 60_000;

/** `stopping`: the freeze in hand lets go at the next page, for another to redo. */
export type FreezeWork = RunWorker;

/**
 * The sender's part of a start (ADR 29): freezes one campaign that was started (`freezing`) as a job run
 * (`campaign_freeze`, ADR 17), one instance at a time. Whatever an earlier holder left is cleared first, each
 * page renews the lease in its own transaction (and stops if the run is no longer this worker's or the campaign
 * no longer freezing), and the last transaction sets the counts and the status: `sending`, or `scheduled` until
 * the time the start chose. Answers whether a campaign was frozen (there may be more).
 */
export async function freezeNextCampaign(engine: Engine, work: FreezeWork): Promise<boolean> {
  const leaseMs = work.leaseMs ?? FREEZE_LEASE_MS;
  const waiting = await engine.read((tx) =>
    tx.select().from(campaigns).where(eq(campaigns.status, 'freezing')).orderBy(asc(campaigns.id)),
  );
  for (const campaign of waiting) {
    const run = { name: 'campaign_freeze', runKey: String(campaign.id), worker: work.worker };
    if (!(await claimJobRun(engine, { ...run, now: work.now(), leaseMs }))) continue;
    try {
      const rules = await engine.read(sendingRules);
      // Members who joined since the nightly facts are in the segment too.
      await addNewMembersToFacts(engine);
      await engine.write(async (tx) => {
        await tx.delete(campaignRecipients).where(eq(campaignRecipients.campaignId, campaign.id));
        await tx.delete(campaignBatches).where(eq(campaignBatches.campaignId, campaign.id));
      });
      const at = work.now();
      const hold = async (tx: Tx) =>
        !work.stopping?.() && (await renewed(tx, run, campaign.id, work.now(), leaseMs));
      const frozen = await freezeRecipients(
        engine,
        { id: campaign.id, rules: campaign.rules as Rule, holdoutPercent: campaign.holdoutPercent },
        rules,
        at,
        hold,
        await listedMembersOf(engine, campaign.id),
      );
      if (!frozen) {
        await settleJobRun(engine, { ...run, now: work.now() }, { finished: false });
        continue;
      }
      const now = work.now();
      const later = campaign.scheduledAt !== null && campaign.scheduledAt > now;
      await engine.write((tx) =>
        tx
          .update(campaigns)
          .set({
            status: later ? 'scheduled' : 'sending',
            ...{ recipients: frozen.recipients, heldOut: frozen.heldOut, frozenAt: at, updatedAt: now },
            ...(!later && { startedAt: now }),
          })
          .where(and(eq(campaigns.id, campaign.id), eq(campaigns.status, 'freezing'))),
      );
      await settleJobRun(engine, { ...run, now }, { finished: true, result: { ...frozen } });
      return true;
    } catch (error) {
      await settleJobRun(engine, { ...run, now: work.now() }, { finished: false });
      throw error;
    }
  }
  return false;
}

/** Extends this worker's lease on the freeze, in the page's transaction: false when it is not this worker's. */
async function renewed(
  tx: Tx,
  run: { name: string; runKey: string; worker: string },
  campaignId: number,
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  const [campaign] = await tx
    .select({ status: campaigns.status })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId));
  if (campaign?.status !== 'freezing') return false;
  return renewJobRun(tx, { ...run, now, leaseMs });
}
