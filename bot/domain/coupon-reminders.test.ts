import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { coupons, memberNotices } from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { couponFields } from '../testing/coupon-issuing.ts';
import { addStore, joinForm } from '../testing/members.ts';
import type { Actor } from './actor.ts';
import { remindExpiringCoupons, reminderHorizon } from './coupon-reminders.ts';
import { createTemplate, type TemplateFields } from './coupon-templates.ts';
import { issueCoupon } from './coupons.ts';
import { recordFollow, recordUnfollow } from './friends.ts';
import { joinMembership } from './members.ts';
import { asNotices } from './notices.ts';

const now = new Date('2026-12-01T02:00:00Z'); // 10:00 on 1 December in Taipei
const operator: Actor = { staffId: null, storeId: null, ip: null, may: 'everything' };

/** Coupons of two Taipei days unless a test says otherwise. */
const fields = (overrides: Partial<TemplateFields> = {}) =>
  couponFields({ validDays: 2, claimable: false, ...overrides });

let engine: Engine;
let storeId: number;
let shoppers = 0;
beforeEach(async () => {
  engine = await openTestEngine();
  storeId = (await addStore(engine)).id;
});
afterEach(() => engine.close());

/** A LINE friend who joined, agreeing to marketing messages or not. */
async function aMember(marketingOptIn: boolean) {
  shoppers++;
  const lineUserId = `U${String(shoppers).padStart(32, '0')}`;
  await recordFollow(engine, lineUserId, { language: 'zh-TW' }, now);
  const phone = `09${String(20_000_000 + shoppers)}`;
  const member = await joinMembership(engine, lineUserId, joinForm(storeId, { phone, marketingOptIn }), now);
  return { ...member, lineUserId };
}

let keys = 0;
const give = async (templateId: number, memberId: number, at = now) =>
  (
    await issueCoupon(
      engine,
      { templateId, memberId, how: 'claim', idempotencyKey: `key-${++keys}`, at },
      operator,
    )
  ).coupon;

const notices = () =>
  engine
    .read(async (tx) => asNotices(await tx.select().from(memberNotices).orderBy(asc(memberNotices.id))))
    .then((all) => all.filter((n) => n.kind === 'coupons_expiring'));

const remindedAt = (couponId: number) =>
  engine.read(async (tx) => {
    const [row] = await tx.select().from(coupons).where(eq(coupons.id, couponId));
    return row!.remindedAt;
  });

describe('reminders of coupons about to expire', () => {
  it('reach the end of the Taipei day N days ahead', () => {
    expect(reminderHorizon(now, 3).toISOString()).toBe('2026-12-04T16:00:00.000Z');
    // 16:30 on 30 November in UTC is already 1 December in Taipei.
    expect(reminderHorizon(new Date('2026-11-30T16:30:00Z'), 0).toISOString()).toBe(
      '2026-12-01T16:00:00.000Z',
    );
  });

  it('tell each opted-in friend once, of all their coupons expiring within the days, soonest first', async () => {
    const soon = await createTemplate(engine, fields({ validDays: 3, title: '三天後到期' }), operator, now);
    const sooner = await createTemplate(engine, fields({ validDays: 1, title: '明天到期' }), operator, now);
    const later = await createTemplate(engine, fields({ validDays: 4 }), operator, now);
    const member = await aMember(true);
    const inThree = await give(soon.id, member.id);
    const tomorrow = await give(sooner.id, member.id);
    const inFour = await give(later.id, member.id);

    expect(await remindExpiringCoupons(engine, now)).toEqual({ membersReminded: 1, couponsReminded: 2 });
    const [notice, ...more] = await notices();
    expect(more).toEqual([]);
    expect(notice).toMatchObject({
      memberId: member.id,
      kind: 'coupons_expiring',
      status: 'pending',
      data: {
        coupons: [
          { couponId: tomorrow.id, title: '明天到期', titleEn: 'NT$50 off NT$300' },
          { couponId: inThree.id, title: '三天後到期' },
        ],
      },
    });
    expect(notice!.data).toMatchObject({
      coupons: [
        { validUntil: tomorrow.validUntil.toISOString() },
        { validUntil: inThree.validUntil.toISOString() },
      ],
    });
    expect(await remindedAt(tomorrow.id)).toEqual(now);
    expect(await remindedAt(inThree.id)).toEqual(now);
    expect(await remindedAt(inFour.id)).toBeNull();
  });

  it('leave out members who did not opt in, who blocked the account, and coupons used or expired', async () => {
    const template = await createTemplate(engine, fields(), operator, now);
    const notOptedIn = await aMember(false);
    const blocked = await aMember(true);
    const usedIt = await aMember(true);
    const kept = [await give(template.id, notOptedIn.id), await give(template.id, blocked.id)];
    await recordUnfollow(engine, blocked.lineUserId, now);
    const used = await give(template.id, usedIt.id);
    await engine.write((tx) => tx.update(coupons).set({ status: 'used' }).where(eq(coupons.id, used.id)));
    // Issued three days ago for one day: expired yesterday.
    await give(template.id, usedIt.id, new Date(now.getTime() - 3 * 86_400_000));

    expect(await remindExpiringCoupons(engine, now)).toEqual({ membersReminded: 0, couponsReminded: 0 });
    expect(await notices()).toEqual([]);
    for (const coupon of kept) expect(await remindedAt(coupon.id)).toBeNull();
  });

  it('run again, queue nothing twice; a coupon given since gets a reminder of its own', async () => {
    const template = await createTemplate(engine, fields(), operator, now);
    const member = await aMember(true);
    await give(template.id, member.id);
    await remindExpiringCoupons(engine, now);
    expect(await remindExpiringCoupons(engine, now)).toEqual({ membersReminded: 0, couponsReminded: 0 });
    expect(await notices()).toHaveLength(1);

    const another = await give(template.id, member.id);
    expect(await remindExpiringCoupons(engine, now)).toEqual({ membersReminded: 1, couponsReminded: 1 });
    const all = await notices();
    expect(all).toHaveLength(2);
    expect(all[1]!.data).toMatchObject({ coupons: [{ couponId: another.id }] });
  });

  it('go in batches of members, each its own transaction, and every member once', async () => {
    const template = await createTemplate(engine, fields(), operator, now);
    const optedIn = [await aMember(true), await aMember(true), await aMember(true)];
    for (const member of optedIn) {
      await give(template.id, member.id);
      await give(template.id, member.id);
    }
    expect(await remindExpiringCoupons(engine, now, { batchSize: 2 })).toEqual({
      membersReminded: 3,
      couponsReminded: 6,
    });
    const all = await notices();
    expect(all.map((n) => n.memberId).sort()).toEqual(optedIn.map((m) => m.id).sort());
    for (const notice of all)
      expect(notice.kind === 'coupons_expiring' && notice.data.coupons).toHaveLength(2);
  });

  it('run twice at once (two instances), tell each member once', async () => {
    const template = await createTemplate(engine, fields(), operator, now);
    const optedIn = [await aMember(true), await aMember(true), await aMember(true)];
    for (const member of optedIn) await give(template.id, member.id);
    const runs = await Promise.all([
      remindExpiringCoupons(engine, now, { batchSize: 1 }),
      remindExpiringCoupons(engine, now, { batchSize: 1 }),
    ]);
    expect(runs[0]!.membersReminded + runs[1]!.membersReminded).toBe(3);
    expect((await notices()).map((n) => n.memberId).sort()).toEqual(optedIn.map((m) => m.id).sort());
  });

  it('are told to no one when the window is negative', async () => {
    const template = await createTemplate(engine, fields(), operator, now);
    await give(template.id, (await aMember(true)).id);
    expect(await remindExpiringCoupons(engine, now, { withinDays: -1 })).toEqual({
      membersReminded: 0,
      couponsReminded: 0,
    });
  });
});
