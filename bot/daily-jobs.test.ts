import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { asc } from 'drizzle-orm';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { memberFacts, pointLots } from '../db/schema.ts';
import { openTestEngine } from '../db/test-engine.ts';
import { dueRunKey, startDailyJobs, untilNextRun } from './daily-jobs.ts';
import { commandLine } from './domain/actor.ts';
import { setSendingRules } from './domain/campaigns/fixture.ts';
import { claimJobRun, settleJobRun } from './domain/job-runs.ts';
import { joinMembership } from './domain/members.ts';
import { earnPoints } from './domain/points-earning.ts';
import { updatePolicy } from './domain/points-settings.ts';
import { refreshSegmentFacts } from './domain/segments/facts.ts';
import { startProduct } from './testing/harness.ts';
import { addStore, joinForm } from './testing/members.ts';

describe('the daily points job', () => {
  it('is scheduled for the next 00:30 in Taipei', () => {
    expect(untilNextRun(new Date('2026-12-31T16:00:00Z'))).toBe(30 * 60_000); // 00:00 Taipei
    expect(untilNextRun(new Date('2026-12-31T16:30:00Z'))).toBe(24 * 3600_000); // 00:30 Taipei: tomorrow
    expect(untilNextRun(new Date('2026-12-31T04:00:00Z'))).toBe(12.5 * 3600_000); // noon Taipei
  });

  it('runs as npm run points:expire against the configured database, expiring due points once', async () => {
    const engine = await openTestEngine();
    try {
      const storeId = (await addStore(engine)).id;
      const member = await joinMembership(
        engine,
        `U${'f'.repeat(32)}`,
        joinForm(storeId),
        new Date('2023-01-01T00:00:00Z'),
      );
      const earn = { memberId: member.id, amount: 500, storeId, channel: 'store', reference: null } as const;
      await earnPoints(engine, {
        ...earn,
        points: 10,
        idempotencyKey: 'old',
        at: new Date('2023-06-01T00:00:00Z'),
      });
      await earnPoints(engine, { ...earn, points: 7, idempotencyKey: 'new', at: new Date() });
      const database = engine.dialect === 'postgres' ? 'DATABASE_URL' : 'DATABASE_PATH';
      const run = () =>
        promisify(execFile)(
          process.execPath,
          ['--import', join(import.meta.dirname, '../db/select-engine.ts'), 'scripts/points-expire.ts'],
          {
            env: {
              ...process.env,
              DATABASE_PATH: undefined,
              DATABASE_URL: undefined,
              [database]: engine.url,
              LOG_LEVEL: 'silent',
            },
          },
        );
      expect((await run()).stdout).toContain('Expired 10 points of 1 members');
      expect((await run()).stdout).toContain('Expired 0 points of 0 members');
      const lots = await engine.read((tx) => tx.select().from(pointLots).orderBy(asc(pointLots.id)));
      expect(lots.map((lot) => lot.remaining)).toEqual([0, 7]);
    } finally {
      await engine.close();
    }
  });

  it('has the reminders npm run points:expire queued pushed by the running server, with no purchase to wake it', async () => {
    const engine = await openTestEngine();
    const product = await startProduct({ engine, app: { work: { pollMs: 50 } } });
    onTestFinished(async () => {
      await product.close();
      await engine.close();
    });
    const storeId = (await addStore(product.engine)).id;
    // No quiet hours: the reminders go whatever the time the suite runs at.
    await setSendingRules(product.engine);
    const shopper = product.line.shoppers.create({ displayName: '陳', language: 'zh-TW' }).userId;
    await product.line.shoppers.follow(shopper);
    await product.app.events.idle();
    const member = await joinMembership(product.engine, shopper, joinForm(storeId), new Date());
    // Points last 12 months: earned 350 days ago, they expire in about 15, within the 30 days' reminder.
    await updatePolicy(product.engine, { expiry: 'months', expiryMonths: 12 }, commandLine, new Date());
    await earnPoints(product.engine, {
      ...{ memberId: member.id, amount: 500, storeId, channel: 'store', reference: null, points: 10 },
      ...{ idempotencyKey: 'soon', at: new Date(Date.now() - 350 * 86_400_000) },
    });
    const run = await promisify(execFile)(
      process.execPath,
      ['--import', join(import.meta.dirname, '../db/select-engine.ts'), 'scripts/points-expire.ts'],
      { env: { ...process.env, DATABASE_PATH: undefined, DATABASE_URL: undefined, ...engine.env } },
    );
    expect(run.stdout).toContain('queued 1 reminders');
    await vi.waitFor(
      () => expect(product.line.inspect.messagesTo(shopper).map((m) => m.via)).toContain('multicast'),
      { timeout: 30_000, interval: 100 },
    );
  });

  it('adds the members who joined since the night to the segments’ facts, between the daily runs', async () => {
    const product = await startProduct();
    onTestFinished(() => product.close());
    const { engine } = product;
    const storeId = (await addStore(engine)).id;
    await refreshSegmentFacts(engine, new Date());
    const member = await joinMembership(engine, `U${'e'.repeat(32)}`, joinForm(storeId), new Date());
    // Today's run is done (it would rebuild every member's facts): only the schedule's tick adds the new one.
    const run = { name: 'daily_points', runKey: dueRunKey(new Date()), worker: 'elsewhere' };
    await claimJobRun(engine, { ...run, now: new Date(), leaseMs: 60_000 });
    await settleJobRun(engine, { ...run, now: new Date() }, { finished: true, result: {} });
    const jobs = startDailyJobs({ engine, clock: product.app.clock, log: product.app.log, worker: 'here' });
    onTestFinished(() => jobs.stop());
    await vi.waitFor(
      async () => {
        const facts = await engine.read((tx) => tx.select({ id: memberFacts.memberId }).from(memberFacts));
        expect(facts.map((row) => row.id)).toEqual([member.id]);
      },
      { timeout: 30_000, interval: 100 },
    );
  });
});
