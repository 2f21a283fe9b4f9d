import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { campaignBatches, campaignRecipients, rateWindows } from '../../db/schema.ts';
import { type App, buildApp } from '../app.ts';
import { commandLine } from '../domain/actor.ts';
import { claimBatches } from '../domain/campaigns/batches.ts';
import { addCampaign, addMembers, setSendingRules, startFrozen } from '../domain/campaigns/fixture.ts';
import { campaignProgress, startCampaign } from '../domain/campaigns/sending.ts';
import { refreshSegmentFacts } from '../domain/segments/facts.ts';
import { appOptionsFor, type Product, startProduct } from '../testing/harness.ts';

// A campaign sent through the LINE stand-in by the running server, as a brand runs it: LINE failing a fifth of
// the multicasts, a restart halfway, two instances at once, and a per-second limit shared by both.
let product: Product;
const others: App[] = [];
afterEach(async () => {
  for (const app of others.splice(0)) await app.close();
  await product.close();
});

/** Another instance of the server on the same database and the same LINE stand-in. */
async function anotherInstance(work = { pollMs: 50, leaseMs: 1_500 }) {
  const app = await buildApp({
    ...appOptionsFor(product.line, product, product.engine),
    worker: `other-${randomUUID().slice(0, 8)}`,
    work,
  });
  await app.ready();
  others.push(app);
  return app;
}

/** `n` LINE friends of the account, members who opted in to marketing; answers their LINE user ids. */
async function friends(n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => {
    const shopper = product.line.shoppers.create({ language: i % 10 === 0 ? 'en' : 'zh-TW' });
    // Friends already: the follow events' webhooks are not what this test is about.
    product.line.shoppers.get(shopper.userId).friendship = 'friend';
    return shopper;
  });
  await addMembers(
    product.engine,
    ids.map((s) => ({ lineUserId: s.userId, language: s.language })),
    new Date(),
  );
  await refreshSegmentFacts(product.engine, new Date());
  return ids.map((s) => s.userId);
}

const untilSent = (campaignId: number) =>
  vi.waitFor(
    async () => {
      const progress = await campaignProgress(product.engine, campaignId, new Date());
      expect(progress.status).toBe('sent');
      return progress;
    },
    { timeout: 120_000, interval: 100 },
  );

/** How many multicast messages each LINE user received. */
function received(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of product.line.inspect.messages()) {
    if (m.via === 'multicast') counts.set(m.userId, (counts.get(m.userId) ?? 0) + 1);
  }
  return counts;
}

describe('the campaign sender', () => {
  it('delivers one message to every recipient and none to the holdout, through LINE’s failures and a restart', async () => {
    product = await startProduct({
      standIn: {
        limits: { monthlyQuota: null },
        faults: { multicast: { serverErrorRate: 0.2, rateLimitRate: 0.05 } },
      },
      app: { work: { pollMs: 50, leaseMs: 1_500 } },
    });
    await setSendingRules(product.engine, { requestsPerSecond: 1 });
    const everyone = await friends(1_200);
    const id = await addCampaign(product.engine, { holdoutPercent: 5 });
    await startCampaign(product.engine, id, commandLine, new Date());
    product.app.campaignSender.wake();
    // Halfway (a batch sent, others not): this instance stops and another takes over.
    await vi.waitFor(
      async () => expect((await campaignProgress(product.engine, id, new Date())).sent).toBeGreaterThan(0),
      { timeout: 60_000, interval: 20 },
    );
    await product.app.close();
    await anotherInstance();
    const progress = await untilSent(id);

    const rows = await product.engine.read((tx) =>
      tx.select().from(campaignRecipients).where(eq(campaignRecipients.campaignId, id)),
    );
    const counts = received();
    const heldOut = rows.filter((r) => r.holdout);
    expect(heldOut.length).toBe(progress.heldOut);
    expect(heldOut.length).toBeGreaterThan(0);
    for (const row of heldOut) expect(counts.get(row.lineUserId!)).toBeUndefined();
    const sentTo = rows.filter((r) => r.batchNo !== null);
    expect(sentTo.length + heldOut.length).toBe(everyone.length);
    expect(sentTo.every((r) => counts.get(r.lineUserId!) === 1)).toBe(true);
    expect(progress).toMatchObject({ sent: sentTo.length, failed: 0, remaining: 0 });
    // English speakers got the English text.
    const english = sentTo.find((r) => r.language === 'en')!;
    expect(product.line.inspect.messagesTo(english.lineUserId!)[0]?.message).toMatchObject({
      text: '10% off this weekend!',
    });
  }, 180_000);

  it('sends one campaign from two instances without a double send, never over the shared per-second limit', async () => {
    product = await startProduct({
      standIn: { limits: { monthlyQuota: null } },
      app: { work: { pollMs: 50, leaseMs: 5_000 } },
    });
    await setSendingRules(product.engine, { requestsPerSecond: 2 });
    const everyone = await friends(3_000);
    const second = await anotherInstance({ pollMs: 50, leaseMs: 5_000 });
    const id = await addCampaign(product.engine);
    await startCampaign(product.engine, id, commandLine, new Date());
    product.app.campaignSender.wake();
    second.campaignSender.wake();
    await untilSent(id);

    const counts = received();
    expect(everyone.every((userId) => counts.get(userId) === 1)).toBe(true);
    // LINE's record: each multicast request once, at the time LINE took it.
    const requests = new Map<string, number>();
    for (const m of product.line.inspect.messages()) requests.set(m.requestId, m.at);
    const batches = await product.engine.read((tx) =>
      tx.select().from(campaignBatches).where(eq(campaignBatches.campaignId, id)),
    );
    expect(requests.size).toBe(batches.length);
    // The shared limiter's own record: the two instances together took at most 2 slots of any second, and a slot
    // for every request. (When a request reaches LINE depends on the machine's load, so LINE's clock is not read.)
    const slots = await product.engine.read((tx) =>
      tx.select().from(rateWindows).where(eq(rateWindows.name, 'multicast')),
    );
    expect(Math.max(...slots.map((slot) => slot.used))).toBeLessThanOrEqual(2);
    expect(slots.reduce((sum, slot) => sum + slot.used, 0)).toBeGreaterThanOrEqual(batches.length);
  }, 180_000);

  it('sends the batches a dead instance had claimed, once its lease runs out', async () => {
    // The sender looks for work only when woken: the dead instance claims first.
    product = await startProduct({
      standIn: { limits: { monthlyQuota: null } },
      app: { work: { pollMs: 600_000 } },
    });
    await setSendingRules(product.engine);
    const everyone = await friends(600);
    const id = await addCampaign(product.engine);
    await startFrozen(product.engine, id, new Date());
    const dead = { worker: 'dead-instance', limit: 10, now: new Date(), leaseMs: 1_000 };
    expect((await claimBatches(product.engine, dead)).length).toBeGreaterThan(0);
    // Woken again and again, as the poll would: the batches are taken when the dead instance's lease lapses.
    await vi.waitFor(
      async () => {
        product.app.campaignSender.wake();
        expect((await campaignProgress(product.engine, id, new Date())).status).toBe('sent');
      },
      { timeout: 60_000, interval: 100 },
    );
    const counts = received();
    expect(everyone.every((userId) => counts.get(userId) === 1)).toBe(true);
  }, 60_000);

  it('waits out quiet hours on the app’s clock: nothing at 23:00, the campaign sent at 09:00', async () => {
    let now = new Date('2026-12-01T23:00:00+08:00');
    const clock = { now: () => now };
    product = await startProduct({
      clock,
      standIn: { limits: { monthlyQuota: null } },
      app: { work: { pollMs: 600_000 } },
    });
    await setSendingRules(product.engine, { quietStart: '22:00', quietEnd: '09:00' });
    const everyone = await friends(3);
    const id = await addCampaign(product.engine);
    const campaign = await startCampaign(product.engine, id, commandLine, clock.now());
    expect(campaign).toMatchObject({
      status: 'freezing',
      scheduledAt: new Date('2026-12-02T09:00:00+08:00'),
    });
    product.app.campaignSender.wake();
    await product.app.campaignSender.idle();
    // Frozen by the sender, then held until 09:00.
    expect((await campaignProgress(product.engine, id, clock.now())).status).toBe('scheduled');
    expect(received().size).toBe(0);
    now = new Date('2026-12-02T09:00:00+08:00');
    product.app.campaignSender.wake();
    await vi.waitFor(
      async () => expect((await campaignProgress(product.engine, id, clock.now())).status).toBe('sent'),
      { timeout: 30_000, interval: 50 },
    );
    const counts = received();
    expect(everyone.every((userId) => counts.get(userId) === 1)).toBe(true);
  }, 60_000);
});
