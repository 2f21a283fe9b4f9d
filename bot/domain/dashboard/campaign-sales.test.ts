import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../db/engine.ts';
import { campaignBatches, campaignRecipients, campaigns } from '../../../db/schema.ts';
import { openTestEngine } from '../../../db/test-engine.ts';
import { addStore } from '../../testing/members.ts';
import { type Actor, commandLine } from '../actor.ts';
import { addCampaign, addMembers, now } from '../campaigns/fixture.ts';
import { campaignResults } from '../campaigns/results.ts';
import { earnPoints } from '../points-earning.ts';
import { recordPurchase } from '../purchases.ts';
import { refundPurchase } from '../refunds.ts';
import { rollCampaignSales } from './campaign-rollup.ts';
import { readDashboard } from './dashboard.ts';
import { rollDashboard } from './rollup.ts';
import { topIds } from './sources.ts';

let engine: Engine;
let store: number;
beforeEach(async () => {
  engine = await openTestEngine();
  store = (await addStore(engine)).id;
});
afterEach(() => engine.close());

const DAY = 86_400_000;
const at = (ms: number) => new Date(now.getTime() + ms);
const range = { from: '2026-11-01', to: '2026-12-01', storeId: null };
let keys = 0;

/** A campaign started at `now`: `sentTo` in one sent batch, `heldOut` held out, `skipped` skipped (fatigue). */
async function sentCampaign(sentTo: number[], heldOut: number[], skipped: number[]) {
  const id = await addCampaign(engine, { holdoutPercent: 30 });
  await engine.write(async (tx) => {
    const row = (memberId: number, holdout: boolean, batchNo: number | null) => ({
      ...{ campaignId: id, memberId, lineUserId: null, language: 'zh-TW' as const, holdout, batchNo },
    });
    await tx
      .insert(campaignRecipients)
      .values([
        ...sentTo.map((m) => row(m, false, 1)),
        ...heldOut.map((m) => row(m, true, null)),
        ...skipped.map((m) => ({ ...row(m, false, null), skipped: 'fatigue' as const })),
      ]);
    await tx.insert(campaignBatches).values({
      ...{ campaignId: id, batchNo: 1, language: 'zh-TW', size: sentTo.length },
      ...{ retryKey: crypto.randomUUID(), status: 'sent', attempts: 1, sentAt: now },
    });
    await tx
      .update(campaigns)
      .set({ status: 'sent', recipients: sentTo.length, heldOut: heldOut.length, startedAt: now })
      .where(eq(campaigns.id, id));
  });
  return id;
}

const buy = async (memberId: number, price: number, when: Date, channel: 'store' | 'online' = 'store') => {
  const made = (await recordPurchase(
    engine,
    {
      ...{ member: { id: memberId, proof: 'card' as const }, price, redeemPoints: 0, channel },
      ...{ reference: `R${++keys}`, idempotencyKey: `buy-${keys}`, at: when },
    },
    { ...commandLine, storeId: channel === 'store' ? store : null } as Actor,
  )) as { purchase: { id: number } };
  return made.purchase.id;
};

const refund = (purchaseId: number, amount: number, when: Date) =>
  refundPurchase(
    engine,
    { purchaseId, amount, isVoid: false, reason: null, idempotencyKey: `refund-${++keys}`, at: when },
    { staffId: null, storeId: store, ip: null, may: 'everything' },
  );

/** The dashboard's line for the campaign, and what its results page says of the same figures. */
async function bothReads(id: number) {
  const [line] = (await readDashboard(engine, commandLine, range)).campaigns;
  const results = await campaignResults(engine, id, commandLine, at(30 * DAY));
  const { uplift, upliftPercent } = results.sales;
  return {
    line,
    page: { delivered: results.delivered, clicks: results.clicks.total, uplift, upliftPercent },
  };
}

describe("the dashboard's campaigns", () => {
  it('read as the results page does, live, half kept by the rollup, and kept, as purchases and refunds come', async () => {
    const [r1, r2, r3, r4, h1, h2, s1] = (await addMembers(
      engine,
      Array.from({ length: 7 }, () => ({})),
    )) as number[] as [number, number, number, number, number, number, number];
    const id = await sentCampaign([r1, r2, r3, r4], [h1, h2], [s1]);
    const first = await buy(r1, 1_000, at(DAY));
    await buy(r2, 500, at(2 * DAY), 'online');
    await buy(r3, 400, at(-DAY)); // before the start
    await buy(r4, 800, at(15 * DAY)); // after the 14 days
    await buy(h1, 700, at(3 * DAY));
    await buy(s1, 900, at(DAY)); // skipped: in neither group
    await refund(first, 200, at(4 * DAY));
    await earnPoints(engine, {
      ...{ memberId: r2, points: 6, amount: 300, storeId: null, channel: 'online', reference: 'W-1' },
      ...{ idempotencyKey: 'web-order-1', at: at(4 * DAY) },
    });

    const live = await bothReads(id);
    // Recipients (800 + 500 + 300) / 4 = 400 a member; the holdout 700 / 2 = 350.
    expect(live.page).toEqual({ delivered: 4, clicks: 0, uplift: 50, upliftPercent: 14.3 });
    expect(live.line).toMatchObject({ id, startedAt: now.toISOString(), ...live.page });

    // The row made and two recipients added; then rows past the cursor and the marks come in.
    expect(await rollCampaignSales(engine, await engine.read(topIds), now, { chunk: 2, most: 2 })).toBe(2);
    const h2Bought = await buy(h2, 1_100, at(5 * DAY));
    await refund(h2Bought, 100, at(6 * DAY));
    await buy(r1, 600, at(6 * DAY), 'online');
    const half = await bothReads(id);
    // Recipients 2,200 / 4 = 550; the holdout 1,700 / 2 = 850.
    expect(half.page).toMatchObject({ uplift: -300, upliftPercent: -35.3 });
    expect(half.line).toMatchObject(half.page);

    await rollDashboard(engine, now);
    expect(await rollDashboard(engine, now)).toBeGreaterThan(0);
    expect((await bothReads(id)).line).toMatchObject(half.page);
    await buy(r3, 2_000, at(7 * DAY));
    const after = await bothReads(id);
    expect(after.line).toMatchObject({ ...after.page, uplift: 200 });
    await rollDashboard(engine, now);
    expect(await rollDashboard(engine, now)).toBeGreaterThan(0);
    expect((await bothReads(id)).line).toMatchObject(after.page);
    expect(await rollDashboard(engine, now)).toBe(0);
  });
});
