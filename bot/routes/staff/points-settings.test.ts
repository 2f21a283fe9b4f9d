import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../../db/schema.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

let product: Product;
let tpe: number;

beforeEach(async () => {
  product = await startProduct();
  tpe = (await addStore(product.engine)).id;
  await addStaff(product.engine, 'boss', 'admin');
  await addStaff(product.engine, 'max', 'marketer');
  await addStaff(product.engine, 'amy', 'clerk', [tpe]);
});
afterEach(() => product.close());

const weekendDouble = {
  name: '週末雙倍點數',
  storeId: null,
  channel: null,
  multiplierPercent: 200,
  bonusPoints: 0,
  minAmount: 0,
  weekdays: [0, 6],
  startsAt: '2026-11-01T00:00:00+08:00',
  endsAt: '2027-01-01T00:00:00+08:00',
  active: true,
};

describe('points settings in the console', () => {
  it('lets an admin add a time-boxed rule and change the base rate, audited; a marketer reads; a clerk does neither', async () => {
    const boss = await signedIn(product.app, 'boss');
    const created = await boss.send('POST', '/api/staff/earn-rules', weekendDouble);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      name: '週末雙倍點數',
      weekdays: [0, 6],
      endsAt: '2026-12-31T16:00:00.000Z',
    });
    const policy = await boss.send('PATCH', '/api/staff/points-policy', { spendPerPoint: 100 });
    expect(policy.json()).toMatchObject({ spendPerPoint: 100, pointValue: 1 });

    const max = await signedIn(product.app, 'max');
    const settings = (await max.get('/api/staff/points-settings')).json();
    expect(settings).toMatchObject({ policy: { spendPerPoint: 100 }, rules: [{ multiplierPercent: 200 }] });
    expect((await max.send('PATCH', '/api/staff/points-policy', { spendPerPoint: 10 })).statusCode).toBe(403);
    const amy = await signedIn(product.app, 'amy');
    expect((await amy.get('/api/staff/points-settings')).statusCode).toBe(403);

    const actions = await product.engine.read((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.subjectType, 'points_policy')),
    );
    expect(actions).toMatchObject([
      { action: 'points_policy.update', before: { spendPerPoint: 50 }, after: { spendPerPoint: 100 } },
    ]);
  });

  it('names each field of a rule that makes no sense, and stores nothing', async () => {
    const boss = await signedIn(product.app, 'boss');
    const response = await boss.send('POST', '/api/staff/earn-rules', {
      ...weekendDouble,
      name: ' ',
      multiplierPercent: 100,
      weekdays: [],
      endsAt: '2026-10-01T00:00:00+08:00',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toEqual({
      name: 'NAME_INVALID',
      multiplierPercent: 'RULE_DOES_NOTHING',
      weekdays: 'WEEKDAYS_INVALID',
      endsAt: 'ENDS_BEFORE_START',
    });
    expect((await boss.get('/api/staff/points-settings')).json().rules).toEqual([]);
  });

  it('switches a rule off', async () => {
    const boss = await signedIn(product.app, 'boss');
    const { id } = (await boss.send('POST', '/api/staff/earn-rules', weekendDouble)).json();
    const off = await boss.send('PATCH', `/api/staff/earn-rules/${id}`, { active: false });
    expect(off.json()).toMatchObject({ id, active: false });
  });
});
