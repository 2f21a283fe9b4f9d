import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../db/engine.ts';
import { auditLog, campaignBatches, campaignRecipients, campaigns } from '../../../db/schema.ts';
import { openTestEngine } from '../../../db/test-engine.ts';
import { commandLine } from '../actor.ts';
import { refreshSegmentFacts } from '../segments/facts.ts';
import { addCampaign, addMembers, now } from './fixture.ts';
import {
  advanceCampaigns,
  campaignProgress,
  cancelCampaign,
  freezeNextCampaign,
  pauseCampaign,
  resumeCampaign,
  startCampaign,
} from './sending.ts';

let engine: Engine;
beforeEach(async () => {
  engine = await openTestEngine();
});
afterEach(() => engine.close());

const HOUR = 3_600_000;
const recipientsOf = (campaignId: number) =>
  engine.read((tx) =>
    tx.select().from(campaignRecipients).where(eq(campaignRecipients.campaignId, campaignId)),
  );
const batchesOf = (campaignId: number) =>
  engine.read((tx) => tx.select().from(campaignBatches).where(eq(campaignBatches.campaignId, campaignId)));
const statusOf = async (campaignId: number) =>
  (await engine.read((tx) => tx.select().from(campaigns).where(eq(campaigns.id, campaignId))))[0]!;

/** Starts a campaign to every member, after the day's facts are built, and freezes it as the sender does. */
async function started(options: Parameters<typeof addCampaign>[1] = {}, at = now) {
  await refreshSegmentFacts(engine, at);
  const id = await addCampaign(engine, options);
  expect((await startCampaign(engine, id, commandLine, at)).status).toBe('freezing');
  expect(await freezeNextCampaign(engine, { worker: 'sender', now: () => at })).toBe(true);
  return { id, campaign: await statusOf(id) };
}

describe('freezing a campaign’s recipients', () => {
  it('sends to opted-in friends only: the opted out and those no longer friends are recorded skipped', async () => {
    const [ann, ben, cat, dan, eve] = await addMembers(engine, [
      {},
      { optIn: false },
      { friend: null },
      { friend: 'blocked' },
      { language: 'en-US' },
    ]);
    const { id, campaign } = await started();
    expect(campaign.status).toBe('sending');
    expect(campaign.recipients).toBe(2);
    const rows = new Map((await recipientsOf(id)).map((r) => [r.memberId, r]));
    expect(rows.get(ann!)).toMatchObject({ skipped: null, holdout: false, language: 'zh-TW' });
    expect(rows.get(eve!)).toMatchObject({ skipped: null, language: 'en' });
    expect(rows.get(ben!)).toMatchObject({ skipped: 'opted_out', batchNo: null });
    expect(rows.get(cat!)).toMatchObject({ skipped: 'blocked', batchNo: null });
    expect(rows.get(dan!)?.batchNo ?? null).toBeNull();
    // One language to a batch: ann's and eve's are two.
    const batches = await batchesOf(id);
    expect(batches.map((b) => [b.language, b.size]).sort()).toEqual([
      ['en', 1],
      ['zh-TW', 1],
    ]);
  });

  it('fills batches of at most 500 of one language, each with its own retry key', async () => {
    await addMembers(engine, [
      ...Array.from({ length: 1_100 }, () => ({})),
      ...Array.from({ length: 30 }, () => ({ language: 'en' })),
    ]);
    const { id, campaign } = await started();
    expect(campaign.recipients).toBe(1_130);
    const batches = await batchesOf(id);
    expect(batches.map((b) => b.size).reduce((a, b) => a + b)).toBe(1_130);
    expect(Math.max(...batches.map((b) => b.size))).toBe(500);
    expect(new Set(batches.map((b) => b.retryKey)).size).toBe(batches.length);
    for (const batch of batches) {
      const inBatch = (await recipientsOf(id)).filter((r) => r.batchNo === batch.batchNo);
      expect(inBatch.length).toBe(batch.size);
      expect(new Set(inBatch.map((r) => r.language))).toEqual(new Set([batch.language]));
    }
  });

  it('skips a member who already got the week’s limit of marketing pushes (2 by default)', async () => {
    const [tired, fresh] = await addMembers(engine, [{}, {}]);
    for (const week of [1, 2]) {
      const { id } = await started({}, new Date(now.getTime() - week * HOUR));
      await engine.write((tx) =>
        tx
          .update(campaignBatches)
          .set({ status: 'sent', sentAt: now })
          .where(and(eq(campaignBatches.campaignId, id), eq(campaignBatches.batchNo, week === 1 ? 1 : 1))),
      );
      // The second push went to the first member only.
      if (week === 2) {
        await engine.write((tx) =>
          tx
            .update(campaignRecipients)
            .set({ batchNo: null })
            .where(and(eq(campaignRecipients.campaignId, id), eq(campaignRecipients.memberId, fresh!))),
        );
      }
    }
    const { id } = await started();
    const rows = new Map((await recipientsOf(id)).map((r) => [r.memberId, r]));
    expect(rows.get(tired!)?.skipped).toBe('fatigue');
    expect(rows.get(fresh!)?.skipped).toBeNull();
  });

  it('holds out the campaign’s percent at random, recorded exactly and sent nothing', async () => {
    await addMembers(
      engine,
      Array.from({ length: 200 }, () => ({})),
    );
    const { id, campaign } = await started({ holdoutPercent: 5 });
    const rows = await recipientsOf(id);
    const heldOut = rows.filter((r) => r.holdout);
    expect(heldOut.length).toBeGreaterThan(0);
    expect(heldOut.length).toBeLessThan(30);
    expect(campaign.heldOut).toBe(heldOut.length);
    expect(campaign.recipients).toBe(200 - heldOut.length);
    expect(heldOut.every((r) => r.batchNo === null && r.skipped === null)).toBe(true);
  });

  it('answers a second start with the first freeze, audited once', async () => {
    await addMembers(engine, [{}, {}, {}]);
    const { id, campaign } = await started();
    const again = await startCampaign(engine, id, commandLine, now);
    expect(again).toMatchObject({
      status: 'sending',
      recipients: campaign.recipients,
      frozenAt: campaign.frozenAt,
    });
    expect((await recipientsOf(id)).length).toBe(3);
    const audits = await engine.read((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, 'campaign.start')),
    );
    expect(audits).toHaveLength(1);
  });
});

describe('quiet hours (22:00–09:00 Taipei by default)', () => {
  const taipei = (hhmm: string, day = '2026-12-01') => new Date(`${day}T${hhmm}:00+08:00`);

  it('hold a campaign started at 23:00 until 09:00, then the sender starts it', async () => {
    await addMembers(engine, [{}]);
    const { id, campaign } = await started({}, taipei('23:00'));
    expect(campaign.status).toBe('scheduled');
    expect(campaign.scheduledAt).toEqual(taipei('09:00', '2026-12-02'));
    expect(await advanceCampaigns(engine, taipei('08:59', '2026-12-02'))).toBe(false);
    expect((await statusOf(id)).status).toBe('scheduled');
    expect(await advanceCampaigns(engine, taipei('09:00', '2026-12-02'))).toBe(true);
    expect((await statusOf(id)).status).toBe('sending');
  });

  it('hold a campaign that was sending when they began, and a scheduled one whose time falls in them', async () => {
    await addMembers(engine, [{}]);
    const { id: sending } = await started({}, taipei('21:00'));
    const { id: scheduled } = await started({ scheduledAt: taipei('21:30') }, taipei('21:00'));
    expect((await statusOf(scheduled)).status).toBe('scheduled');
    await advanceCampaigns(engine, taipei('22:01'));
    for (const id of [sending, scheduled]) {
      expect(await statusOf(id)).toMatchObject({
        status: 'scheduled',
        scheduledAt: taipei('09:00', '2026-12-02'),
      });
    }
  });
});

describe('pausing, resuming and cancelling', () => {
  it('moves between the statuses the contract allows, audited, and refuses the others', async () => {
    await addMembers(engine, [{}, {}]);
    const { id } = await started();
    await expect(resumeCampaign(engine, id, commandLine, now)).rejects.toMatchObject({
      code: 'CAMPAIGN_STATE',
      status: 409,
    });
    expect((await pauseCampaign(engine, id, commandLine, now)).status).toBe('paused');
    // A paused campaign is not finished by the sender even with its batches pending.
    expect(await advanceCampaigns(engine, now)).toBe(false);
    expect((await resumeCampaign(engine, id, commandLine, now)).status).toBe('sending');
    expect((await cancelCampaign(engine, id, commandLine, now)).status).toBe('cancelled');
    await expect(pauseCampaign(engine, id, commandLine, now)).rejects.toMatchObject({
      code: 'CAMPAIGN_STATE',
    });
    await expect(pauseCampaign(engine, 999, commandLine, now)).rejects.toMatchObject({
      code: 'CAMPAIGN_NOT_FOUND',
    });
    expect(await campaignProgress(engine, id, now)).toMatchObject({
      status: 'cancelled',
      recipients: 2,
      remaining: 0,
    });
    const actions = await engine.read((tx) => tx.select({ action: auditLog.action }).from(auditLog));
    expect(actions.map((a) => a.action)).toEqual([
      'campaign.start',
      'campaign.pause',
      'campaign.resume',
      'campaign.cancel',
    ]);
  });
});
