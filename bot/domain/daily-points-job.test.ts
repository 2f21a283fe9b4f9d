import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coupons, members, pointsLedger } from '../../db/schema.ts';
import { type Counter, noon, openCounter } from '../testing/purchases.ts';
import { commandLine } from './actor.ts';
import { createTemplate, type TemplateFields } from './coupon-templates.ts';
import { issueCoupon } from './coupons.ts';
import { runDailyPointsJob } from './daily-points-job.ts';

let counter: Counter;
beforeEach(async () => {
  counter = await openCounter();
});
afterEach(() => counter.engine.close());

describe('expiry', () => {
  it('expires lots at the end of the next year, once, however often the job runs, and reminds a month before', async () => {
    await counter.buy(1_000, { at: new Date('2025-03-01T04:00:00Z') }); // 20, expiring end of 2026
    await counter.buy(500); // 10, expiring end of 2027
    const december = new Date('2026-12-10T00:00:00+08:00');
    expect(await runDailyPointsJob(counter.engine, december)).toMatchObject({
      pointsExpired: 0,
      remindersQueued: 1,
    });
    expect(await runDailyPointsJob(counter.engine, december)).toMatchObject({ remindersQueued: 0 });
    const newYear = new Date('2027-01-01T00:30:00+08:00');
    expect(await runDailyPointsJob(counter.engine, newYear)).toMatchObject({
      membersExpired: 1,
      pointsExpired: 20,
    });
    expect(await runDailyPointsJob(counter.engine, newYear)).toMatchObject({
      membersExpired: 0,
      pointsExpired: 0,
    });
    expect(await counter.balance()).toBe(10);
    expect(
      await counter.engine.read((tx) =>
        tx.select().from(pointsLedger).where(eq(pointsLedger.kind, 'expire')),
      ),
    ).toMatchObject([{ points: -20 }]);
  });

  it('moves a member down only at their yearly review', async () => {
    await counter.buy(30_000); // gold
    const review = new Date(noon.getTime() + 366 * 24 * 3600_000);
    const inAMonth = new Date(noon.getTime() + 30 * 24 * 3600_000);
    expect((await runDailyPointsJob(counter.engine, inAMonth)).tiersReviewed).toBe(0);
    expect(await runDailyPointsJob(counter.engine, review)).toMatchObject({
      tiersReviewed: 1,
      tiersChanged: 1,
    });
    const [reviewed] = await counter.engine.read((tx) =>
      tx.select().from(members).where(eq(members.id, counter.member.id)),
    );
    expect(reviewed!.tierCode).toBe('regular');
  });
});

describe('coupons', () => {
  it('expires coupons past their last day and gives the birthday month its coupon, once', async () => {
    const fields = {
      ...{ kind: 'amount_off', amountOff: 50, minSpend: 0, validDays: 7, channels: ['store'] },
      ...{ title: '生日禮', titleEn: 'Birthday gift', terms: '生日當月使用。', termsEn: 'Birthday month.' },
      stackable: false,
    } satisfies TemplateFields;
    const birthday = await createTemplate(
      counter.engine,
      { ...fields, autoIssue: 'birthday' },
      commandLine,
      noon,
    );
    const given = await issueCoupon(
      counter.engine,
      { templateId: birthday.id, memberId: counter.member.id, how: 'staff', idempotencyKey: 'g', at: noon },
      commandLine,
    );
    const inMay = new Date('2027-05-02T00:30:00+08:00'); // the member was born on 20 May
    expect(await runDailyPointsJob(counter.engine, inMay)).toMatchObject({
      couponsExpired: 1,
      birthdayCoupons: 1,
      segmentFacts: 1, // the one member's row of facts, for the segments' counts
    });
    expect(await runDailyPointsJob(counter.engine, inMay)).toMatchObject({
      couponsExpired: 0,
      birthdayCoupons: 0,
    });
    const held = await counter.engine.read((tx) =>
      tx.select().from(coupons).where(eq(coupons.memberId, counter.member.id)).orderBy(coupons.id),
    );
    expect(held.map((c) => [c.id === given.coupon.id, c.status, c.how])).toEqual([
      [true, 'expired', 'staff'],
      [false, 'issued', 'birthday'],
    ]);
  });
});
