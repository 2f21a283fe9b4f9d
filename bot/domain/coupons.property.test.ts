import { and, eq, inArray, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import {
  couponDraws,
  coupons,
  couponTemplates,
  members,
  pointLots,
  pointsLedger,
  purchases,
} from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { addStore, importMember } from '../testing/members.ts';
import type { Actor } from './actor.ts';
import { claimCoupon } from './coupon-claims.ts';
import { exchangePoints } from './coupon-exchange.ts';
import { expireDueCoupons } from './coupon-expiry.ts';
import { createTemplate, type TemplateFields } from './coupon-templates.ts';
import { voidCoupon } from './coupon-void.ts';
import { issueCoupon } from './coupons.ts';
import { DomainError } from './errors.ts';
import { earnPoints } from './points-earning.ts';
import { recordPurchase } from './purchases.ts';
import { refundPurchase } from './refunds.ts';

/**
 * Random sequences of everything that moves a coupon or the points beside it (issue, claim, lottery, exchange,
 * redeem, void, refund, coupon void, expiry), each step checked against the rules that must hold throughout: no
 * cap or budget exceeded, no coupon used twice, a purchase's coupon discount equal to its coupons', and each
 * member's balance equal to their ledger and to their lots. A step may be refused (a DomainError); anything
 * else fails the run. On both engines.
 */
const START = Date.parse('2026-12-01T02:00:00Z'); // 10:00 in Taipei

const base = {
  minSpend: 0,
  validDays: 3,
  channels: ['store' as const],
  terms: '每次限用一張。',
  termsEn: 'One per purchase.',
  stackable: false,
};
const templates = {
  // Claimed by link, given by staff: capped in all, per member and in NT$.
  capped: {
    ...base,
    kind: 'amount_off',
    amountOff: 100,
    minSpend: 200,
    title: '滿兩百折一百',
    titleEn: 'NT$100 off',
    claimable: true,
    totalCap: 6,
    perMemberCap: 2,
    discountBudget: 300,
  },
  // A lottery, half the draws win.
  lottery: {
    ...base,
    kind: 'percent_off',
    percentOff: 20,
    maxDiscount: 150,
    title: '抽八折',
    titleEn: '20% off draw',
    claimable: true,
    lotteryWinPercent: 50,
    totalCap: 8,
    perMemberCap: 1,
    discountBudget: 500,
    stackable: true,
  },
  // The rewards catalogue: 120 points for NT$50 off.
  reward: {
    ...base,
    kind: 'amount_off',
    amountOff: 50,
    title: '點數兌換折五十',
    titleEn: 'NT$50 off for points',
    pointsPrice: 120,
    totalCap: 5,
    stackable: true,
  },
} satisfies Record<string, TemplateFields>;
type TemplateName = keyof typeof templates;

const step = fc.oneof(
  fc.record({
    op: fc.constant('give' as const),
    member: fc.nat(2),
    template: fc.constantFrom<TemplateName>('capped', 'reward'),
  }),
  fc.record({
    op: fc.constant('claim' as const),
    member: fc.nat(2),
    template: fc.constantFrom<TemplateName>('capped', 'lottery'),
    key: fc.nat(3),
  }),
  fc.record({ op: fc.constant('exchange' as const), member: fc.nat(2), key: fc.nat(3) }),
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('buy' as const),
      member: fc.nat(2),
      price: fc.integer({ min: 50, max: 1500 }),
      // Mostly coupons still held (the usual checkout), sometimes any of the member's, used or not.
      coupons: fc.array(fc.nat(20), { maxLength: 2 }),
      held: fc.boolean(),
      points: fc.constantFrom(0, 0, 100, 200),
      key: fc.nat(60),
    }),
  },
  fc.record({ op: fc.constant('void' as const), purchase: fc.nat(20) }),
  fc.record({
    op: fc.constant('refund' as const),
    purchase: fc.nat(20),
    share: fc.integer({ min: 1, max: 100 }),
  }),
  fc.record({ op: fc.constant('voidCoupon' as const), coupon: fc.nat(20) }),
  fc.record({ op: fc.constant('time' as const), hours: fc.integer({ min: 1, max: 30 }) }),
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

interface World {
  name: string;
  engine: Engine;
  clerk: Actor;
  members: number[];
  templates: Record<TemplateName, number>;
  now: number;
  keys: number;
}

let engine: Engine;
beforeAll(async () => {
  engine = await openTestEngine();
});
afterAll(() => engine.close());

let worlds = 0;

/** A store, three members with points and the three templates: each run its own, on one database. */
async function worldOn(engine: Engine): Promise<World> {
  const n = worlds++;
  const store = await addStore(engine, `S${n}`, `門市${n}`);
  const clerk: Actor = { staffId: null, storeId: store.id, ip: null, may: 'everything' };
  const at = new Date(START);
  const ids: number[] = [];
  for (let i = 0; i < 3; i++) {
    const member = await importMember(engine, `09${String(10_000_000 + n * 10 + i)}`, '1980-01-01');
    await earnPoints(engine, {
      ...{ memberId: member.id, points: 600, amount: 30_000, storeId: store.id, channel: 'store' },
      ...{ reference: `R-${i}`, idempotencyKey: `opening-${n}-${i}`, at },
    });
    ids.push(member.id);
  }
  const made = {} as Record<TemplateName, number>;
  for (const [name, fields] of Object.entries(templates))
    made[name as TemplateName] = (await createTemplate(engine, fields, clerk, at)).id;
  return { name: `w${n}`, engine, clerk, members: ids, templates: made, now: START, keys: 0 };
}

async function run(world: World, s: Step): Promise<void> {
  const { engine, clerk } = world;
  const at = new Date(world.now);
  const key = `${world.name}-k${world.keys++}`;
  const nth = async <T>(rows: Promise<T[]>, n: number) => {
    const all = await rows;
    return all.length === 0 ? undefined : all[n % all.length];
  };
  switch (s.op) {
    case 'give':
      await issueCoupon(
        engine,
        {
          ...{ templateId: world.templates[s.template], memberId: world.members[s.member]! },
          ...{ how: 'staff', idempotencyKey: key, at },
        },
        clerk,
      );
      return;
    case 'claim':
      await claimCoupon(engine, {
        ...{ templateId: world.templates[s.template], memberId: world.members[s.member]! },
        ...{ idempotencyKey: `${world.name}-claim-${s.template}-${s.key}`, at },
      });
      return;
    case 'exchange':
      await exchangePoints(engine, {
        ...{ templateId: world.templates.reward, memberId: world.members[s.member]! },
        ...{ idempotencyKey: `${world.name}-exchange-${s.key}`, at },
      });
      return;
    case 'buy': {
      const memberId = world.members[s.member]!;
      const own = engine.read((tx) =>
        tx
          .select()
          .from(coupons)
          .where(and(eq(coupons.memberId, memberId), s.held ? eq(coupons.status, 'issued') : undefined))
          .orderBy(coupons.id),
      );
      const codes = [];
      for (const n of s.coupons) {
        const coupon = await nth(own, n);
        if (coupon) codes.push(coupon.code);
      }
      await recordPurchase(
        engine,
        {
          ...{ member: { id: memberId, proof: 'card' }, price: s.price, couponCodes: [...new Set(codes)] },
          ...{
            redeemPoints: s.points,
            channel: 'store',
            reference: `P-${s.key}`,
            idempotencyKey: `${world.name}-buy-${s.key}`,
            at,
          },
        },
        clerk,
      );
      return;
    }
    case 'void':
    case 'refund': {
      const purchase = await nth(
        engine.read((tx) =>
          tx.select().from(purchases).where(inArray(purchases.memberId, world.members)).orderBy(purchases.id),
        ),
        s.purchase,
      );
      if (!purchase) return;
      const left = purchase.amount - purchase.refundedAmount;
      const amount = s.op === 'void' ? purchase.amount : Math.max(1, Math.floor((left * s.share) / 100));
      await refundPurchase(
        engine,
        { purchaseId: purchase.id, amount, isVoid: s.op === 'void', reason: null, idempotencyKey: key, at },
        clerk,
      );
      return;
    }
    case 'voidCoupon': {
      const coupon = await nth(
        engine.read((tx) =>
          tx.select().from(coupons).where(inArray(coupons.memberId, world.members)).orderBy(coupons.id),
        ),
        s.coupon,
      );
      if (coupon) await voidCoupon(engine, coupon.id, '測試作廢', clerk, at);
      return;
    }
    case 'time':
      world.now += s.hours * 3_600_000;
      await expireDueCoupons(engine, new Date(world.now));
      return;
  }
}

/** Everything that must be true after every step. */
async function checkRules(world: World): Promise<void> {
  const { engine } = world;
  const mine = world.members;
  const state = await engine.read(async (tx) => ({
    templates: await tx
      .select()
      .from(couponTemplates)
      .where(inArray(couponTemplates.id, Object.values(world.templates))),
    coupons: await tx.select().from(coupons).where(inArray(coupons.memberId, mine)),
    draws: await tx.select().from(couponDraws).where(inArray(couponDraws.memberId, mine)),
    purchases: await tx.select().from(purchases).where(inArray(purchases.memberId, mine)),
    members: await tx
      .select({ id: members.id, balance: members.pointsBalance })
      .from(members)
      .where(inArray(members.id, mine)),
    ledger: await tx
      .select({ memberId: pointsLedger.memberId, points: sql<number>`sum(${pointsLedger.points})` })
      .from(pointsLedger)
      .where(inArray(pointsLedger.memberId, mine))
      .groupBy(pointsLedger.memberId),
    lots: await tx
      .select({ memberId: pointLots.memberId, remaining: sql<number>`sum(${pointLots.remaining})` })
      .from(pointLots)
      .where(inArray(pointLots.memberId, mine))
      .groupBy(pointLots.memberId),
  }));
  for (const template of state.templates) {
    const own = state.coupons.filter((c) => c.templateId === template.id);
    expect(own.length).toBe(template.issuedCount);
    if (template.totalCap !== null) expect(template.issuedCount).toBeLessThanOrEqual(template.totalCap);
    if (template.perMemberCap !== null) {
      for (const memberId of world.members) {
        const held = own.filter((c) => c.memberId === memberId && c.status !== 'void').length;
        expect(held).toBeLessThanOrEqual(template.perMemberCap);
      }
    }
    const given = own.filter((c) => c.status === 'used').reduce((sum, c) => sum + c.discount!, 0);
    expect(template.discountGiven).toBe(given);
    if (template.discountBudget !== null) expect(given).toBeLessThanOrEqual(template.discountBudget);
  }
  for (const coupon of state.coupons) {
    const used = coupon.status === 'used';
    expect(coupon.purchaseId !== null).toBe(used);
    if (coupon.how === 'lottery')
      expect(state.draws.filter((d) => d.couponId === coupon.id && d.won)).toHaveLength(1);
  }
  for (const purchase of state.purchases) {
    const usedBy = state.coupons.filter((c) => c.purchaseId === purchase.id);
    if (purchase.status === 'voided' || purchase.status === 'refunded') expect(usedBy).toEqual([]);
    else expect(usedBy.reduce((sum, c) => sum + c.discount!, 0)).toBe(purchase.couponDiscount);
  }
  for (const { id, balance } of state.members) {
    const ledger = Number(state.ledger.find((row) => row.memberId === id)?.points ?? 0);
    const lots = Number(state.lots.find((row) => row.memberId === id)?.remaining ?? 0);
    expect({ id, balance, ledger, lots }).toEqual({ id, balance, ledger: balance, lots: balance });
  }
}

it('no cap or budget is exceeded, no coupon is used twice, and balance = ledger = lots, whatever the order', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), async (steps) => {
      const world = await worldOn(engine);
      for (const s of steps) {
        try {
          await run(world, s);
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
        }
        await checkRules(world);
      }
    }),
    { numRuns: 25 },
  );
}, 300_000);
