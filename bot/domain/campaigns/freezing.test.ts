import { count, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../db/engine.ts';
import { campaignBatches, campaignRecipients, campaigns } from '../../../db/schema.ts';
import { openTestEngine } from '../../../db/test-engine.ts';
import { commandLine } from '../actor.ts';
import { claimJobRun } from '../job-runs.ts';
import { refreshSegmentFacts } from '../segments/facts.ts';
import { addCampaign, addMembers, now } from './fixture.ts';
import { campaignProgress, cancelCampaign, freezeNextCampaign, startCampaign } from './sending.ts';

let engine: Engine;
beforeEach(async () => {
  engine = await openTestEngine();
});
afterEach(() => engine.close());

const at = () => now;
const campaignRow = async (id: number) =>
  (await engine.read((tx) => tx.select().from(campaigns).where(eq(campaigns.id, id))))[0]!;
const rowsOf = async (id: number) => {
  const [recipients] = await engine.read((tx) =>
    tx.select({ n: count() }).from(campaignRecipients).where(eq(campaignRecipients.campaignId, id)),
  );
  const [batches] = await engine.read((tx) =>
    tx.select({ n: count() }).from(campaignBatches).where(eq(campaignBatches.campaignId, id)),
  );
  return { recipients: recipients!.n, batches: batches!.n };
};

/** A started campaign (`freezing`) to 2,100 members: more than one page of the freeze. */
async function startedToMany() {
  await addMembers(
    engine,
    Array.from({ length: 2_100 }, () => ({})),
  );
  await refreshSegmentFacts(engine, now);
  const id = await addCampaign(engine);
  const started = await startCampaign(engine, id, commandLine, now);
  expect(started).toMatchObject({ status: 'freezing', recipients: 0 });
  return id;
}

describe('the freeze as the sender’s background work', () => {
  it('leaves the start at `freezing` with nothing frozen; the sender freezes it and it is sending', async () => {
    const id = await startedToMany();
    expect(await rowsOf(id)).toEqual({ recipients: 0, batches: 0 });
    expect((await campaignProgress(engine, id, now)).status).toBe('freezing');
    expect(await freezeNextCampaign(engine, { worker: 'a', now: at })).toBe(true);
    expect(await campaignRow(id)).toMatchObject({ status: 'sending', recipients: 2_100, frozenAt: now });
    expect(await rowsOf(id)).toEqual({ recipients: 2_100, batches: 5 });
    expect(await freezeNextCampaign(engine, { worker: 'b', now: at })).toBe(false);
  });

  it('clears a freeze a stopping instance left half done and does it again, each recipient once', async () => {
    const id = await startedToMany();
    let pages = 0;
    const stopping = () => ++pages > 1;
    expect(await freezeNextCampaign(engine, { worker: 'a', now: at, stopping })).toBe(false);
    expect((await rowsOf(id)).recipients).toBe(2_000);
    expect((await campaignRow(id)).status).toBe('freezing');
    // Let go at once: another instance takes it without waiting for the lease.
    expect(await freezeNextCampaign(engine, { worker: 'b', now: at })).toBe(true);
    expect(await rowsOf(id)).toEqual({ recipients: 2_100, batches: 5 });
    expect((await campaignRow(id)).recipients).toBe(2_100);
  });

  it('takes over a dead instance’s freeze only when its lease has run out', async () => {
    const id = await startedToMany();
    const dead = { name: 'campaign_freeze', runKey: String(id), worker: 'dead', now, leaseMs: 60_000 };
    expect(await claimJobRun(engine, dead)).toBe(true);
    expect(await freezeNextCampaign(engine, { worker: 'b', now: at })).toBe(false);
    const later = () => new Date(now.getTime() + 61_000);
    expect(await freezeNextCampaign(engine, { worker: 'b', now: later })).toBe(true);
    expect((await campaignRow(id)).recipients).toBe(2_100);
  });

  it('does not freeze a campaign cancelled before its turn, nor make it sending', async () => {
    const id = await startedToMany();
    await cancelCampaign(engine, id, commandLine, now);
    expect(await freezeNextCampaign(engine, { worker: 'a', now: at })).toBe(false);
    expect(await campaignRow(id)).toMatchObject({ status: 'cancelled', recipients: 0 });
  });
});
