import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../db/engine.ts';
import {
  campaignBatches,
  campaignRecipients,
  campaigns,
  journeyEntries,
  memberNotices,
  members,
  pointLots,
  pointsLedger,
  purchases,
} from '../../../db/schema.ts';
import { openTestEngine } from '../../../db/test-engine.ts';
import { commandLine } from '../actor.ts';
import { addCampaign, addMembers, setSendingRules, startFrozen } from '../campaigns/fixture.ts';
import { freezeNextCampaign } from '../campaigns/freezing.ts';
import { retryKeyFor } from '../notices.ts';
import { refreshSegmentFacts } from '../segments/facts.ts';
import { updateJourney } from './journeys.ts';
import { runJourney } from './runs.ts';

let engine: Engine;
beforeEach(async () => {
  engine = await openTestEngine();
  await setSendingRules(engine);
});
afterEach(() => engine.close());

/** 2026-12-10 00:40 in Taipei: the run of 10 December. */
const now = new Date('2026-12-09T16:40:00Z');
const taipei = (local: string) => new Date(`${local}+08:00`);
const text = { kind: 'text' as const, zh: { text: '你好' }, en: { text: 'Hello' } };
const switchOn = (kind: string, delayDays: number) =>
  updateJourney(engine, kind, { enabled: true, message: text, delayDays }, commandLine, now);
const run = (kind: Parameters<typeof runJourney>[1], at = now) =>
  runJourney(engine, kind, { worker: 'w', now: at });
const recipientsOf = async (campaignId: number) =>
  (
    await engine.read((tx) =>
      tx.select().from(campaignRecipients).where(eq(campaignRecipients.campaignId, campaignId)),
    )
  )
    .map((r) => ({ memberId: r.memberId, skipped: r.skipped }))
    .sort((a, b) => a.memberId - b.memberId);

describe('journeys’ daily runs', () => {
  it('welcome takes exactly the members who joined on the Taipei day `delay` before, once', async () => {
    const [early, first, last, late] = [
      ...(await addMembers(engine, [{}], taipei('2026-12-06T23:59:59'))),
      ...(await addMembers(engine, [{}], taipei('2026-12-07T00:00:00'))),
      ...(await addMembers(engine, [{}], taipei('2026-12-07T23:59:59'))),
      ...(await addMembers(engine, [{}], taipei('2026-12-08T00:00:00'))),
    ];
    await switchOn('welcome', 3);
    const done = await run('welcome');
    expect(done).toMatchObject({ entered: 2, day: '2026-12-10' });
    expect(await run('welcome')).toBeNull();
    const [campaign] = await engine.read((tx) => tx.select().from(campaigns));
    expect(campaign).toMatchObject({ id: done!.campaignId, status: 'freezing', message: text });
    await freezeNextCampaign(engine, { worker: 'sender', now: () => now });
    expect((await recipientsOf(done!.campaignId!)).map((r) => r.memberId)).toEqual([first, last]);
    expect([early, late]).toHaveLength(2);
  });

  it('birthday takes members born this month on any day of it, once a year, and nobody when off', async () => {
    const [dec, dec2, nov] = await addMembers(engine, [{}, {}, {}]);
    const born = { [dec!]: '1990-12-25', [dec2!]: '1985-12-01', [nov!]: '1990-11-10' };
    await engine.write(async (tx) => {
      for (const [id, birthday] of Object.entries(born))
        await tx
          .update(members)
          .set({ birthday })
          .where(eq(members.id, Number(id)));
    });
    expect(await run('birthday')).toMatchObject({ skipped: 'off', campaignId: null });
    await switchOn('birthday', 0);
    const first = await run('birthday');
    expect(first).toMatchObject({ entered: 2 });
    const [late] = await addMembers(engine, [{}]);
    await engine.write((tx) =>
      tx.update(members).set({ birthday: '2000-12-31' }).where(eq(members.id, late!)),
    );
    const next = await run('birthday', new Date(now.getTime() + 86_400_000));
    expect(next).toMatchObject({ entered: 1 });
    await freezeNextCampaign(engine, { worker: 'sender', now: () => now });
    expect((await recipientsOf(first!.campaignId!)).map((r) => r.memberId)).toEqual([dec, dec2].sort());
  });

  it('win-back takes members whose last counted purchase was `delay` days before, and not those who came back', async () => {
    const [gone, back, voided] = await addMembers(engine, [{}, {}, {}]);
    const buy = (memberId: number, at: string, status: 'completed' | 'voided' = 'completed') => ({
      ...{
        memberId,
        channel: 'store' as const,
        reference: `R${memberId}${at}`,
        amount: 100,
        pointsEarned: 1,
      },
      ...{ status, idempotencyKey: `${memberId}:${at}`, occurredAt: taipei(at) },
    });
    await engine.write((tx) =>
      tx
        .insert(purchases)
        .values([
          buy(gone!, '2026-11-10T12:00:00'),
          buy(back!, '2026-11-10T12:00:00'),
          buy(back!, '2026-11-20T12:00:00'),
          buy(voided!, '2026-11-10T12:00:00'),
          buy(voided!, '2026-11-20T12:00:00', 'voided'),
        ]),
    );
    await switchOn('win_back', 30);
    const done = await run('win_back');
    await freezeNextCampaign(engine, { worker: 'sender', now: () => now });
    expect((await recipientsOf(done!.campaignId!)).map((r) => r.memberId)).toEqual([gone, voided]);
  });

  it('tier upgrade congratulates upgrades of the day before, not downgrades', async () => {
    const [up, down] = await addMembers(engine, [{}, {}]);
    const notice = (memberId: number, from: string, to: string) => ({
      memberId,
      kind: 'tier_changed' as const,
      data: {
        from: { code: from, name: from, nameEn: from },
        to: { code: to, name: to, nameEn: to },
        at: '',
      },
      retryKey: retryKeyFor(`t:${memberId}`),
      createdAt: taipei('2026-12-09T15:00:00'),
    });
    await engine.write((tx) =>
      tx.insert(memberNotices).values([notice(up!, 'silver', 'gold'), notice(down!, 'gold', 'silver')]),
    );
    await switchOn('tier_upgrade', 1);
    const done = await run('tier_upgrade');
    expect(done).toMatchObject({ entered: 1 });
    await freezeNextCampaign(engine, { worker: 'sender', now: () => now });
    expect((await recipientsOf(done!.campaignId!)).map((r) => r.memberId)).toEqual([up]);
  });

  it('the campaign’s freeze keeps opt-out and blocked members out, as every campaign’s does', async () => {
    const [fine, optedOut, blocked] = await addMembers(
      engine,
      [{}, { optIn: false }, { friend: 'blocked' }],
      taipei('2026-12-09T10:00:00'),
    );
    await switchOn('welcome', 1);
    const done = await run('welcome');
    await freezeNextCampaign(engine, { worker: 'sender', now: () => now });
    expect(await recipientsOf(done!.campaignId!)).toEqual([
      { memberId: fine, skipped: null },
      { memberId: optedOut, skipped: 'opted_out' },
      { memberId: blocked, skipped: 'blocked' },
    ]);
  });

  it('the fatigue rule holds back a member who already had the week’s marketing pushes', async () => {
    await setSendingRules(engine, { weeklyLimit: 1 });
    const [tired, fresh] = await addMembers(engine, [{}, {}], taipei('2026-12-09T10:00:00'));
    const earlier = await addCampaign(engine, { scheduledAt: null });
    await engine.write((tx) =>
      tx
        .update(campaigns)
        .set({ rules: { all: [{ field: 'marketingOptIn', value: true }] } })
        .where(eq(campaigns.id, earlier)),
    );
    await refreshSegmentFacts(engine, now);
    await startFrozen(engine, earlier, now);
    await engine.write((tx) =>
      tx
        .update(campaignBatches)
        .set({ status: 'sent', sentAt: now })
        .where(eq(campaignBatches.campaignId, earlier)),
    );
    await engine.write((tx) => tx.delete(campaignRecipients).where(eq(campaignRecipients.memberId, fresh!)));
    await switchOn('welcome', 1);
    const done = await run('welcome');
    await freezeNextCampaign(engine, { worker: 'sender', now: () => now });
    expect(await recipientsOf(done!.campaignId!)).toEqual([
      { memberId: tired, skipped: 'fatigue' },
      { memberId: fresh, skipped: null },
    ]);
  });

  it('points expiring nudges members whose points expire within the days set, once per expiry date', async () => {
    const [soon, later, spent] = await addMembers(engine, [{}, {}, {}]);
    const lot = async (memberId: number, expires: string, remaining: number) => {
      await engine.write(async (tx) => {
        const [entry] = await tx
          .insert(pointsLedger)
          .values({
            ...{ memberId, kind: 'earn' as const, points: 10, balanceAfter: 10, channel: 'store' as const },
            ...{ idempotencyKey: `earn:${memberId}:${expires}`, occurredAt: taipei('2026-01-01T12:00:00') },
          })
          .returning({ id: pointsLedger.id });
        await tx.insert(pointLots).values({
          ...{ memberId, earnEntryId: entry!.id, points: 10, remaining },
          ...{ earnedAt: taipei('2026-01-01T12:00:00'), expiresAt: taipei(`${expires}T00:00:00`) },
        });
      });
    };
    await lot(soon!, '2026-12-17', 10);
    await lot(later!, '2026-12-18', 10);
    await lot(spent!, '2026-12-12', 0);
    await switchOn('points_expiring', 6);
    const done = await run('points_expiring');
    expect(done).toMatchObject({ entered: 1 });
    await freezeNextCampaign(engine, { worker: 'sender', now: () => now });
    expect((await recipientsOf(done!.campaignId!)).map((r) => r.memberId)).toEqual([soon]);
    const [entry] = await engine.read((tx) => tx.select().from(journeyEntries));
    expect(entry).toMatchObject({ memberId: soon, occasion: 'expires:2026-12-17', enteredOn: '2026-12-10' });
    const nextDay = await run('points_expiring', new Date(now.getTime() + 86_400_000));
    expect(nextDay).toMatchObject({ entered: 1 });
    const entries = await engine.read((tx) => tx.select().from(journeyEntries));
    expect(entries.map((e) => e.memberId).sort()).toEqual([soon, later].sort());
  });
});
