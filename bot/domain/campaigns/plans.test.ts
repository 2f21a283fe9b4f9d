import { describe, expect, it } from 'vitest';
import { InvalidFields } from '../errors.ts';
import { checkPlans, extraPrice, LINE_TW_PLANS, type Plan } from './plans.ts';

const plan = (code: string) => LINE_TW_PLANS.find((p) => p.code === code)!;

describe('what a push costs by LINE Taiwan’s plans', () => {
  it('costs nothing extra on the plans that sell no extra messages, however many', () => {
    expect(extraPrice(plan('light'), 150, 500)).toBe(0);
    expect(extraPrice(plan('medium'), 2_900, 10_000)).toBe(0);
  });

  it('charges the high plan nothing within its 6,000 messages, then NT$0.2 each, the month’s bill rounded up once', () => {
    const high = plan('high');
    expect(extraPrice(high, 0, 6_000)).toBe(0);
    expect(extraPrice(high, 6_000, 1)).toBe(1);
    // The bill after 6,002 is still NT$1 (0.4 rounded up): the second message adds nothing to it.
    expect(extraPrice(high, 6_001, 1)).toBe(0);
    expect(extraPrice(high, 0, 25_000)).toBe(3_800);
    expect(extraPrice(high, 5_000, 2_000)).toBe(200);
  });

  it('prices a push across tiers at each tier’s price, down to NT$0.011 past a million', () => {
    const high = plan('high');
    expect(extraPrice(high, 24_000, 2_000)).toBe(200 + 150);
    expect(extraPrice(high, 99_000, 2_000)).toBe(150 + 100);
    expect(extraPrice(high, 0, 1_000_000)).toBe(3_800 + 11_250 + 40_000 + 25_000);
    expect(extraPrice(high, 1_000_000, 10)).toBe(1);
    expect(extraPrice(high, 1_000_000, 1_000)).toBe(11);
  });

  it('adds up the prices of a month’s pushes to the bill of all of them', () => {
    const high = plan('high');
    const pushes = [3_001, 4_999, 7, 20_000, 123];
    let used = 0;
    let paid = 0;
    for (const n of pushes) {
      paid += extraPrice(high, used, n);
      used += n;
    }
    expect(paid).toBe(extraPrice(high, 0, used));
  });
});

describe('an admin’s plan table', () => {
  const mine: Plan = {
    code: 'mine',
    name: '自訂',
    monthlyFee: 100,
    included: 10,
    extra: [
      { upTo: 20, milliPerMessage: 1_000 },
      { upTo: null, milliPerMessage: 500 },
    ],
    source: 'https://example.com/prices',
    asOf: '2026-11-01',
  };

  it('is taken when every plan is sound', () => {
    expect(checkPlans([mine])).toEqual([mine]);
    expect(extraPrice(mine, 0, 25)).toBe(10 + 3);
  });

  it('is refused plan by plan and field by field', () => {
    const refused = (() => {
      try {
        checkPlans([
          mine,
          { ...mine, name: '', extra: [{ upTo: 5, milliPerMessage: 1 }], source: 'http://x', colour: 1 },
          { ...mine, included: -1, asOf: 'soon' },
        ]);
      } catch (error) {
        return (error as InvalidFields).details.fields;
      }
    })();
    expect(refused).toEqual({
      'plans.1.code': 'CODE_INVALID',
      'plans.1.name': 'NAME_INVALID',
      'plans.1.extra': 'TIERS_INVALID',
      'plans.1.source': 'URL_INVALID',
      'plans.1.colour': 'UNKNOWN_FIELD',
      'plans.2.code': 'CODE_INVALID',
      'plans.2.included': 'NUMBER_INVALID',
      'plans.2.asOf': 'DATE_INVALID',
    });
    expect(() => checkPlans([])).toThrow(InvalidFields);
  });
});
