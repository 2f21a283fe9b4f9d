import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { couponDraws, coupons, couponTemplates } from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { couponFields, manyMembers, outcomeOf } from '../testing/coupon-issuing.ts';
import { commandLine } from './actor.ts';
import { claimCoupon } from './coupon-claims.ts';
import { createTemplate, templateProblems, updateTemplate } from './coupon-templates.ts';
import { claimableOffersFor, offerFor, walletOf } from './coupon-wallet.ts';

const now = new Date('2026-12-01T02:00:00Z');

let engine: Engine;
beforeEach(async () => {
  engine = await openTestEngine();
});
afterEach(() => engine.close());

const claim = (templateId: number, memberId: number, key: string) =>
  claimCoupon(engine, { templateId, memberId, idempotencyKey: key, at: now });
const count = <T>(list: T[], value: T) => list.filter((item) => item === value).length;

describe('the ways in of a template', () => {
  it('are checked field by field and change no issued coupon', async () => {
    expect(
      templateProblems(
        couponFields({ claimable: false, lotteryWinPercent: 30, pointsPrice: 0, autoIssue: 'tier' }),
      ),
    ).toEqual({
      lotteryWinPercent: 'LOTTERY_NEEDS_CLAIMABLE',
      pointsPrice: 'POINTS_PRICE_INVALID',
      autoIssueTier: 'TIER_INVALID',
    });
    expect(templateProblems(couponFields({ lotteryWinPercent: 101, pointsPrice: 100 }))).toEqual({
      lotteryWinPercent: 'PERCENT_INVALID',
      pointsPrice: 'POINTS_PRICE_WITH_CLAIM',
    });
    await expect(
      createTemplate(
        engine,
        couponFields({ autoIssue: 'tier', autoIssueTier: 'platinum' }),
        commandLine,
        now,
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_FIELDS',
      details: { fields: { autoIssueTier: 'TIER_INVALID' } },
    });
    const template = await createTemplate(engine, couponFields(), commandLine, now);
    const [member] = await manyMembers(engine, 1);
    await claim(template.id, member!, 'first-claim');
    const changed = await updateTemplate(
      engine,
      template.id,
      { lotteryWinPercent: 50, autoIssue: 'tier', autoIssueTier: 'silver' },
      commandLine,
      now,
    );
    expect(changed).toMatchObject({ id: template.id, lotteryWinPercent: 50, autoIssueTier: 'silver' });
  });
});

describe('claiming a coupon from a link', () => {
  it('issues exactly 100 of 1,000 concurrent claims of a 100-cap template, none over a member cap', async () => {
    const template = await createTemplate(
      engine,
      couponFields({ totalCap: 100, perMemberCap: 1 }),
      commandLine,
      now,
    );
    const ids = await manyMembers(engine, 500);
    const outcomes = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        outcomeOf(claim(template.id, ids[i % ids.length]!, `claim-${i}`)),
      ),
    );
    expect(count(outcomes, 'issued')).toBe(100);
    expect(outcomes.every((o) => ['issued', 'COUPONS_ALL_ISSUED', 'COUPON_MEMBER_LIMIT'].includes(o))).toBe(
      true,
    );
    const issued = await engine.read((tx) => tx.select().from(coupons));
    expect(issued).toHaveLength(100);
    expect(new Set(issued.map((c) => c.memberId)).size).toBe(100);
    const [after] = await engine.read((tx) => tx.select().from(couponTemplates));
    expect(after!.issuedCount).toBe(100);
  });

  it('answers a retry with the first coupon, and refuses a template that is not claimable as unknown', async () => {
    const template = await createTemplate(engine, couponFields({ perMemberCap: 3 }), commandLine, now);
    const [member, other] = await manyMembers(engine, 2);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => claim(template.id, member!, 'same-key')),
    );
    expect(new Set(results.map((r) => r.coupon?.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    // Another member's same key is theirs alone.
    expect((await claim(template.id, other!, 'same-key')).replayed).toBe(false);
    const staffOnly = await createTemplate(engine, couponFields({ claimable: false }), commandLine, now);
    expect(await outcomeOf(claim(staffOnly.id, member!, 'staff-only'))).toBe('COUPON_TEMPLATE_NOT_FOUND');
    const off = await createTemplate(engine, couponFields({ active: false }), commandLine, now);
    expect(await outcomeOf(claim(off.id, member!, 'inactive'))).toBe('COUPON_NOT_AVAILABLE');
    expect(await outcomeOf(claim(template.id, member!, 'same-key-elsewhere-1'))).toBe('issued');
    expect(await outcomeOf(claim(off.id, member!, 'same-key'))).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('gives one to a member by a link when the template sets no per-member cap', async () => {
    const template = await createTemplate(engine, couponFields({ perMemberCap: null }), commandLine, now);
    const [member] = await manyMembers(engine, 1);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, (_, i) => outcomeOf(claim(template.id, member!, `tap-${i}`))),
    );
    expect(outcomes.filter((o) => o === 'issued')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'COUPON_MEMBER_LIMIT')).toHaveLength(9);
    expect(await engine.read((tx) => offerFor(tx, member!, template.id, now))).toMatchObject({
      canClaim: false,
      reason: 'COUPON_MEMBER_LIMIT',
    });
  });

  it('follows a link to the newest copy of a template whose meaning was edited', async () => {
    const template = await createTemplate(engine, couponFields(), commandLine, now);
    const [member, other] = await manyMembers(engine, 2);
    await claim(template.id, member!, 'before-edit');
    const copy = await updateTemplate(engine, template.id, { amountOff: 80 }, commandLine, now);
    const { coupon } = await claim(template.id, other!, 'after-edit');
    expect(coupon!.templateId).toBe(copy.id);
    expect(await engine.read((tx) => offerFor(tx, other!, template.id, now))).toMatchObject({
      templateId: copy.id,
      amountOff: 80,
    });
  });
});

describe('a lottery', () => {
  it('always wins at 100% until the cap, then records wins as losses', async () => {
    const template = await createTemplate(
      engine,
      couponFields({ lotteryWinPercent: 100, totalCap: 10 }),
      commandLine,
      now,
    );
    const ids = await manyMembers(engine, 40);
    const outcomes = await Promise.all(ids.map((id, i) => outcomeOf(claim(template.id, id, `draw-${i}`))));
    expect(count(outcomes, 'issued')).toBe(10);
    expect(count(outcomes, 'lost')).toBe(30);
    const draws = await engine.read((tx) => tx.select().from(couponDraws));
    expect(draws).toHaveLength(40);
    expect(draws.filter((d) => d.won)).toHaveLength(10);
    expect(await engine.read((tx) => tx.select().from(coupons))).toHaveLength(10);
  });

  it('wins about as often as its odds say, within its cap', async () => {
    const template = await createTemplate(
      engine,
      couponFields({ lotteryWinPercent: 30, totalCap: 1000 }),
      commandLine,
      now,
    );
    const ids = await manyMembers(engine, 400);
    const outcomes = await Promise.all(ids.map((id, i) => outcomeOf(claim(template.id, id, `draw-${i}`))));
    // 400 draws at 30%: 120 expected, sd 9.2; 60 to 180 is more than 6 sd either side.
    expect(count(outcomes, 'issued')).toBeGreaterThan(60);
    expect(count(outcomes, 'issued')).toBeLessThan(180);
    expect(count(outcomes, 'issued') + count(outcomes, 'lost')).toBe(400);
  });

  it('lets a member draw once, however many draws they send at once', async () => {
    const winning = await createTemplate(engine, couponFields({ lotteryWinPercent: 100 }), commandLine, now);
    const [member, loser] = await manyMembers(engine, 2);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => outcomeOf(claim(winning.id, member!, `tap-${i}`))),
    );
    expect(count(outcomes, 'issued')).toBe(1);
    expect(count(outcomes, 'LOTTERY_ALREADY_DRAWN')).toBe(19);
    const winningKey = outcomes.indexOf('issued');
    expect((await claim(winning.id, member!, `tap-${winningKey}`)).replayed).toBe(true);
    expect(await engine.read((tx) => offerFor(tx, member!, winning.id, now))).toMatchObject({
      canClaim: false,
      reason: 'LOTTERY_ALREADY_DRAWN',
    });

    // A draw lost at the cap (none left) answers lost again, and is still one draw.
    const none = await createTemplate(
      engine,
      couponFields({ lotteryWinPercent: 100, totalCap: 1 }),
      commandLine,
      now,
    );
    await claim(none.id, member!, 'takes-the-one');
    const first = await claim(none.id, loser!, 'lost-once');
    expect(first).toMatchObject({ outcome: 'lost', replayed: false });
    expect(await claim(none.id, loser!, 'lost-once')).toMatchObject({ outcome: 'lost', replayed: true });
    const draws = await engine.read((tx) =>
      tx.select().from(couponDraws).where(eq(couponDraws.memberId, loser!)),
    );
    expect(draws).toHaveLength(1);
  });
});

describe('what a member is offered', () => {
  it('lists the claimable templates they can still claim, newest first, and their wallet', async () => {
    const older = await createTemplate(
      engine,
      couponFields({ title: '舊的', perMemberCap: 1 }),
      commandLine,
      now,
    );
    const newer = await createTemplate(
      engine,
      couponFields({ title: '新的' }),
      commandLine,
      new Date(now.getTime() + 1000),
    );
    await createTemplate(engine, couponFields({ title: '不能領', claimable: false }), commandLine, now);
    const [member] = await manyMembers(engine, 1);
    const offers = () => engine.read((tx) => claimableOffersFor(tx, member!, now));
    expect((await offers()).map((o) => o.templateId)).toEqual([newer.id, older.id]);
    await claim(older.id, member!, 'takes-older');
    expect((await offers()).map((o) => o.templateId)).toEqual([newer.id]);
    const wallet = await engine.read((tx) => walletOf(tx, member!, now));
    expect(wallet.usable).toMatchObject([{ templateId: older.id, state: 'usable', title: '舊的' }]);
    const later = new Date(now.getTime() + 40 * 86_400_000);
    expect(await engine.read((tx) => walletOf(tx, member!, later))).toMatchObject({
      usable: [],
      expired: [{ templateId: older.id, state: 'expired' }],
    });
  });
});
