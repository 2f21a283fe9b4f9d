import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { coupons, memberNotices } from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { couponFields, manyMembers } from '../testing/coupon-issuing.ts';
import { addStore, importMember, joinForm } from '../testing/members.ts';
import { commandLine } from './actor.ts';
import { issueBirthdayCoupons } from './coupon-auto-issue.ts';
import { createTemplate } from './coupon-templates.ts';
import { joinMembership } from './members.ts';
import { earnPoints } from './points-earning.ts';
import { recordAmount } from './points-ledger.ts';
import { reviewTier } from './tiers.ts';

const now = new Date('2026-12-01T02:00:00Z');

let engine: Engine;
beforeEach(async () => {
  engine = await openTestEngine();
});
afterEach(() => engine.close());

const auto = (overrides: Parameters<typeof couponFields>[0]) =>
  createTemplate(engine, couponFields({ claimable: false, ...overrides }), commandLine, now);
const couponsOf = (memberId: number) =>
  engine.read((tx) => tx.select().from(coupons).where(eq(coupons.memberId, memberId)));
const givenNotices = () =>
  engine.read((tx) => tx.select().from(memberNotices).where(eq(memberNotices.kind, 'coupon_given')));

describe('coupons given by themselves', () => {
  it('welcome a member who joins, told by a notice; a template at its cap is passed over, never the join', async () => {
    const welcome = await auto({ title: '入會禮', autoIssue: 'join' });
    const full = await auto({ title: '已發完', autoIssue: 'join', totalCap: 1 });
    const storeId = (await addStore(engine)).id;
    const first = await joinMembership(engine, 'U-first', joinForm(storeId, { phone: '0911000001' }), now);
    const second = await joinMembership(engine, 'U-second', joinForm(storeId, { phone: '0911000002' }), now);
    expect((await couponsOf(first.id)).map((c) => [c.templateId, c.how])).toEqual([
      [welcome.id, 'join'],
      [full.id, 'join'],
    ]);
    expect((await couponsOf(second.id)).map((c) => c.templateId)).toEqual([welcome.id]);
    const notices = await givenNotices();
    expect(notices).toHaveLength(3);
    expect(notices[0]).toMatchObject({
      memberId: first.id,
      data: { title: '入會禮', reason: 'join', couponId: expect.any(Number) },
    });
  });

  it('give each tier passed on the way up once, in the transaction that moves the member', async () => {
    const silver = await auto({ title: '銀卡禮', autoIssue: 'tier', autoIssueTier: 'silver' });
    const gold = await auto({ title: '金卡禮', autoIssue: 'tier', autoIssueTier: 'gold' });
    const [member] = (await manyMembers(engine, 1)) as [number];
    const spend = (amount: number, key: string) =>
      earnPoints(engine, {
        ...{ memberId: member, points: 1, amount, storeId: null, channel: 'online' as const },
        ...{ reference: null, idempotencyKey: key, at: now },
      });
    await spend(5000, 'first');
    expect(await couponsOf(member)).toEqual([]);
    await spend(40_000, 'jump-to-gold');
    expect((await couponsOf(member)).map((c) => [c.templateId, c.how])).toEqual([
      [silver.id, 'tier'],
      [gold.id, 'tier'],
    ]);
    await spend(1000, 'already-gold');
    expect(await couponsOf(member)).toHaveLength(2);
    expect(await givenNotices()).toHaveLength(2);
  });

  it('give a tier reached at the yearly review too', async () => {
    const silver = await auto({ title: '銀卡禮', autoIssue: 'tier', autoIssueTier: 'silver' });
    const member = await importMember(engine, '0911000003', '1980-01-01');
    // Spend recorded straight into the ledger, as an import that moves no tier would leave it.
    await engine.write((tx) =>
      recordAmount(tx, 'earn', {
        memberId: member.id,
        amount: 12_000,
        channel: 'store',
        idempotencyKey: 'old',
        at: now,
      }),
    );
    const change = await engine.write((tx) => reviewTier(tx, member, now));
    expect(change).toMatchObject({ to: { code: 'silver' } });
    expect((await couponsOf(member.id)).map((c) => [c.templateId, c.how])).toEqual([[silver.id, 'tier']]);
  });

  it('give the birthday month its coupon once a year, resumably, to members born this Taipei month', async () => {
    const birthday = await auto({ title: '生日禮', autoIssue: 'birthday' });
    const december = await manyMembers(engine, 130, '1990-12-24');
    const [june] = await manyMembers(engine, 1, '1990-06-01', 500);
    expect(await issueBirthdayCoupons(engine, now)).toBe(130);
    expect(await issueBirthdayCoupons(engine, now)).toBe(0);
    const given = await engine.read((tx) => tx.select().from(coupons));
    expect(given).toHaveLength(130);
    expect(new Set(given.map((c) => c.memberId))).toEqual(new Set(december));
    expect(given.every((c) => c.templateId === birthday.id && c.how === 'birthday')).toBe(true);
    expect(await couponsOf(june!)).toEqual([]);
    expect(await givenNotices()).toHaveLength(130);
    // A year on, again; 1 December 00:30 in Taipei is still 30 November in UTC.
    expect(await issueBirthdayCoupons(engine, new Date('2027-11-30T16:30:00Z'))).toBe(130);
  });

  it('stop at a birthday template’s cap without failing the run', async () => {
    await auto({ title: '限量生日禮', autoIssue: 'birthday', totalCap: 5 });
    const unlimited = await auto({ title: '生日禮', autoIssue: 'birthday' });
    await manyMembers(engine, 12, '1990-12-24');
    expect(await issueBirthdayCoupons(engine, now)).toBe(17);
    const given = await engine.read((tx) => tx.select().from(coupons));
    expect(given.filter((c) => c.templateId === unlimited.id)).toHaveLength(12);
  });
});
