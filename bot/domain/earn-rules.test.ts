import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { earnRules } from '../../db/schema.ts';
import { type Counter, noon, openCounter } from '../testing/purchases.ts';
import { type EarnRule, pointsForPurchase } from './earn-rules.ts';

let counter: Counter;
beforeEach(async () => {
  counter = await openCounter();
});
afterEach(() => counter.engine.close());

const rule = (overrides: Partial<EarnRule>): EarnRule => ({
  id: 1,
  name: 'rule',
  storeId: null,
  channel: null,
  multiplierPercent: 100,
  bonusPoints: 0,
  minAmount: 0,
  weekdays: null,
  startsAt: null,
  endsAt: null,
  active: true,
  createdAt: noon,
  updatedAt: noon,
  ...overrides,
});

describe('earn rules', () => {
  const policy = { spendPerPoint: 50 };
  const purchase = { amount: 1_049, storeId: 1, channel: 'store' as const, at: noon };

  it('give one point per NT$50, rounded down', () => {
    expect(pointsForPurchase(purchase, 100, [], policy).points).toBe(20);
    expect(pointsForPurchase({ ...purchase, amount: 49 }, 100, [], policy).points).toBe(0);
  });

  it('multiply by the tier, rounding once at the end', () => {
    expect(pointsForPurchase(purchase, 150, [], policy).points).toBe(30);
    expect(pointsForPurchase({ ...purchase, amount: 150 }, 120, [], policy).points).toBe(3); // 3 x 1.2 = 3.6
  });

  it('apply a rule for one store only there, and one for a channel only on it', () => {
    const store = rule({ storeId: 2, multiplierPercent: 200 });
    const online = rule({ id: 2, channel: 'online', bonusPoints: 10 });
    expect(pointsForPurchase(purchase, 100, [store, online], policy).points).toBe(20);
    expect(pointsForPurchase({ ...purchase, storeId: 2 }, 100, [store], policy).points).toBe(40);
    expect(pointsForPurchase({ ...purchase, channel: 'online' }, 100, [online], policy).points).toBe(30);
  });

  it('double points at the weekend within the promotion dates, in Taipei time', () => {
    const weekend = rule({
      multiplierPercent: 200,
      weekdays: [0, 6],
      startsAt: new Date('2026-11-01T00:00:00+08:00'),
      endsAt: new Date('2026-12-01T00:00:00+08:00'),
    });
    const saturday = new Date('2026-11-28T10:00:00+08:00');
    // Friday 23:30 UTC is already Saturday in Taipei.
    const lateFriday = new Date('2026-11-27T16:30:00Z');
    expect(pointsForPurchase({ ...purchase, at: saturday }, 100, [weekend], policy).points).toBe(40);
    expect(pointsForPurchase({ ...purchase, at: lateFriday }, 100, [weekend], policy).points).toBe(40);
    expect(pointsForPurchase({ ...purchase, at: noon }, 100, [weekend], policy).points).toBe(20);
    const after = new Date('2026-12-05T10:00:00+08:00');
    expect(pointsForPurchase({ ...purchase, at: after }, 100, [weekend], policy).points).toBe(20);
  });

  it('take the best multiplier of several promotions rather than multiplying them, and add their bonuses', () => {
    const rules = [
      rule({ multiplierPercent: 200, bonusPoints: 5 }),
      rule({ id: 2, multiplierPercent: 150, bonusPoints: 3 }),
      rule({ id: 3, minAmount: 2_000, bonusPoints: 100 }),
    ];
    const earned = pointsForPurchase(purchase, 100, rules, policy);
    expect(earned).toMatchObject({ points: 48, ruleMultiplierPercent: 200, bonusPoints: 8, ruleIds: [1, 2] });
  });

  it('are read from the database and applied at the counter', async () => {
    await counter.engine.write(async (tx) => {
      await tx
        .insert(earnRules)
        .values({ name: '週末雙倍', multiplierPercent: 200, createdAt: noon, updatedAt: noon });
    });
    expect((await counter.buy(1_000)).purchase.pointsEarned).toBe(40);
  });
});
