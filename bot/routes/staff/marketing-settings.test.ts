import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, marketingSettings } from '../../../db/schema.ts';
import { LINE_TW_PLANS } from '../../domain/campaigns/plans.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

let product: Product;

beforeEach(async () => {
  product = await startProduct();
  await addStaff(product.engine, 'max', 'marketer');
  await addStaff(product.engine, 'ada', 'admin');
});
afterEach(() => product.close());

const tiny = {
  code: 'tiny',
  name: '測試方案',
  monthlyFee: 0,
  included: 1,
  extra: [
    { upTo: 2, milliPerMessage: 1_500 },
    { upTo: null, milliPerMessage: 500 },
  ],
  source: 'https://example.com/prices',
  asOf: '2026-11',
};

describe('the marketing settings', () => {
  it('reads the defaults and LINE Taiwan’s plan table before an admin saves any', async () => {
    const max = await signedIn(product.app, 'max');
    const settings = await max.get('/api/staff/marketing-settings');
    expect(settings.statusCode).toBe(200);
    expect(settings.json()).toEqual({
      weeklyLimit: 2,
      quietStart: '22:00',
      quietEnd: '09:00',
      holdoutPercent: 5,
      monthlyBudget: null,
      planCode: 'light',
      plans: null,
      planTable: LINE_TW_PLANS,
      requestsPerSecond: 200,
      updatedAt: null,
    });
  });

  it('lets an admin change them, plan table included, audited; what is left out stays', async () => {
    const ada = await signedIn(product.app, 'ada');
    const changed = await ada.send('PATCH', '/api/staff/marketing-settings', {
      weeklyLimit: 3,
      monthlyBudget: 500,
      plans: [tiny],
      planCode: 'tiny',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      weeklyLimit: 3,
      monthlyBudget: 500,
      planCode: 'tiny',
      quietEnd: '09:00',
    });
    expect(changed.json().planTable).toEqual([tiny]);
    const again = await ada.send('PATCH', '/api/staff/marketing-settings', { plans: null, planCode: 'high' });
    expect(again.json()).toMatchObject({ weeklyLimit: 3, plans: null, planCode: 'high' });
    const audits = await product.engine.read((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, 'marketing_settings.update')),
    );
    expect(audits).toHaveLength(2);
  });

  it('refuses each wrong field by name and changes nothing', async () => {
    const ada = await signedIn(product.app, 'ada');
    const bad = await ada.send('PATCH', '/api/staff/marketing-settings', {
      weeklyLimit: 0,
      quietStart: '25:00',
      holdoutPercent: 51,
      monthlyBudget: -1,
      requestsPerSecond: 0,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({
      weeklyLimit: 'LIMIT_INVALID',
      quietStart: 'TIME_INVALID',
      holdoutPercent: 'HOLDOUT_INVALID',
      monthlyBudget: 'MONEY_INVALID',
      requestsPerSecond: 'RATE_INVALID',
    });
    const unknownPlan = await ada.send('PATCH', '/api/staff/marketing-settings', { planCode: 'tiny' });
    expect(unknownPlan.json().fields).toEqual({ planCode: 'PLAN_UNKNOWN' });
    const badTiers = await ada.send('PATCH', '/api/staff/marketing-settings', {
      plans: [{ ...tiny, extra: [{ upTo: 1, milliPerMessage: 1 }] }],
    });
    expect(badTiers.json().fields).toEqual({ 'plans.0.extra': 'TIERS_INVALID' });
    expect((await ada.send('PATCH', '/api/staff/marketing-settings', { colour: 1 })).statusCode).toBe(400);
    expect(await product.engine.read((tx) => tx.select().from(marketingSettings))).toEqual([]);
  });
});
