import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { campaigns, couponTemplates } from '../../../db/schema.ts';
import { commandLine } from '../../domain/actor.ts';
import { createTemplate } from '../../domain/coupon-templates.ts';
import { recordFollow } from '../../domain/friends.ts';
import { joinMembership } from '../../domain/members.ts';
import { refreshSegmentFacts } from '../../domain/segments/facts.ts';
import { couponFields } from '../../testing/coupon-issuing.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore, joinForm } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

let product: Product;
let tpe: number;

/** One message included, the next at NT$1.5, the rest at NT$0.5: three recipients cost NT$2. */
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
const noExtra = { ...tiny, code: 'capped', extra: null };

/** 23:00 in Taipei: quiet hours, so a started campaign waits (frozen, then scheduled) and nothing is sent. */
const lateEvening = new Date('2026-11-24T15:00:00Z');

beforeEach(async () => {
  product = await startProduct({ clock: { now: () => lateEvening } });
  tpe = (await addStore(product.engine)).id;
  await addStaff(product.engine, 'max', 'marketer');
  await addStaff(product.engine, 'ada', 'admin');
  await addStaff(product.engine, 'mia', 'store_manager', [tpe]);
  const now = lateEvening;
  // Three LINE friends who opted in, and one who did not: matching four, reachable three.
  for (const [i, optIn] of [true, true, true, false].entries()) {
    const userId = `U${String(i).padStart(32, 'e')}`;
    await recordFollow(product.engine, userId, null, now);
    await joinMembership(
      product.engine,
      userId,
      joinForm(tpe, { phone: `09${String(20_000_000 + i)}`, marketingOptIn: optIn }),
      now,
    );
  }
  await refreshSegmentFacts(product.engine, now);
});
afterEach(() => product.close());

async function draftFor(holdoutPercent = 0) {
  const max = await signedIn(product.app, 'max');
  const created = await max.send('POST', '/api/staff/campaigns', {
    name: '週末九折',
    rules: { field: 'lineFriend' },
    message: { kind: 'text', zh: { text: '九折' }, en: { text: '10% off' } },
    holdoutPercent,
  });
  return { max, id: created.json().id as number };
}

async function settings(changes: object) {
  const ada = await signedIn(product.app, 'ada');
  const saved = await ada.send('PATCH', '/api/staff/marketing-settings', {
    plans: [tiny, noExtra],
    ...changes,
  });
  expect(saved.statusCode).toBe(200);
}

describe('what a campaign costs before it is sent', () => {
  it('estimates within the free messages of LINE’s light plan: nothing to confirm', async () => {
    const { max, id } = await draftFor();
    const estimate = await max.get(`/api/staff/campaigns/${id}/estimate`);
    expect(estimate.statusCode).toBe(200);
    expect(estimate.json()).toEqual({
      matching: 4,
      reachable: 3,
      heldOut: 0,
      fatigued: 0,
      recipients: 3,
      quota: { type: 'limited', value: 200 },
      used: 0,
      wouldUse: 3,
      freeLeft: 200,
      overFree: 0,
      price: 0,
      plan: {
        code: 'light',
        name: '輕用量',
        monthlyFee: 0,
        included: 200,
        source: expect.stringMatching(/^https:\/\/tw\.linebiz\.com\//),
        asOf: '2023-09',
      },
      budget: null,
      budgetLeft: null,
      needsConfirmation: false,
    });
    const mia = await signedIn(product.app, 'mia', { storeId: tpe });
    expect((await mia.get(`/api/staff/campaigns/${id}/estimate`)).statusCode).toBe(200);
  });

  it('holds out the expected share of the reachable', async () => {
    const { max, id } = await draftFor(50);
    const estimate = (await max.get(`/api/staff/campaigns/${id}/estimate`)).json();
    expect(estimate).toMatchObject({ reachable: 3, heldOut: 2, recipients: 1 });
  });

  it('asks for the price beyond the free messages to be confirmed, then starts', async () => {
    await settings({ planCode: 'tiny' });
    const { max, id } = await draftFor();
    const estimate = (await max.get(`/api/staff/campaigns/${id}/estimate`)).json();
    expect(estimate).toMatchObject({ freeLeft: 1, overFree: 2, price: 2, needsConfirmation: true });
    expect(estimate.plan).toEqual({ ...tiny, extra: undefined });
    const unconfirmed = await max.send('POST', `/api/staff/campaigns/${id}/start`, {});
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json()).toMatchObject({ code: 'COST_NOT_CONFIRMED', price: 2 });
    const wrong = await max.send('POST', `/api/staff/campaigns/${id}/start`, { confirmedCost: 1 });
    expect(wrong.json().code).toBe('COST_NOT_CONFIRMED');
    expect((await max.get(`/api/staff/campaigns/${id}`)).json()).toMatchObject({
      status: 'draft',
      confirmedCost: null,
    });
    const started = await max.send('POST', `/api/staff/campaigns/${id}/start`, { confirmedCost: 2 });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ confirmedCost: 2, status: 'freezing' });
    // A second start answers the first, without asking again.
    expect((await max.send('POST', `/api/staff/campaigns/${id}/start`, {})).statusCode).toBe(200);
  });

  it('refuses a push the month’s budget cannot pay, counting what was confirmed this month', async () => {
    await settings({ planCode: 'tiny', monthlyBudget: 3 });
    const first = await draftFor();
    expect(
      (await first.max.send('POST', `/api/staff/campaigns/${first.id}/start`, { confirmedCost: 2 }))
        .statusCode,
    ).toBe(200);
    const second = await draftFor();
    // The first waits for the quiet hours' end, so the second is priced alike: NT$2, with NT$1 left.
    const estimate = (await second.max.get(`/api/staff/campaigns/${second.id}/estimate`)).json();
    expect(estimate).toMatchObject({ budget: 3, budgetLeft: 1 });
    const refused = await second.max.send('POST', `/api/staff/campaigns/${second.id}/start`, {
      confirmedCost: estimate.price,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'OVER_BUDGET', budget: 3, budgetLeft: 1 });
    const row = await product.engine.read((tx) =>
      tx.select().from(campaigns).where(eq(campaigns.id, second.id)),
    );
    expect(row[0]).toMatchObject({ status: 'draft', confirmedCost: null });
  });

  it('lets only one of two starts at once through a budget that pays for one', async () => {
    await settings({ planCode: 'tiny', monthlyBudget: 3 });
    const first = await draftFor();
    const second = await draftFor();
    const starts = await Promise.all(
      [first.id, second.id].map((id) =>
        first.max.send('POST', `/api/staff/campaigns/${id}/start`, { confirmedCost: 2 }),
      ),
    );
    expect(starts.map((s) => s.statusCode).sort()).toEqual([200, 409]);
    expect(starts.find((s) => s.statusCode === 409)!.json().code).toBe('OVER_BUDGET');
  });

  it('refuses a push beyond a plan that sells no extra messages', async () => {
    await settings({ planCode: 'capped' });
    const { max, id } = await draftFor();
    const estimate = (await max.get(`/api/staff/campaigns/${id}/estimate`)).json();
    expect(estimate).toMatchObject({ overFree: 2, price: 0, needsConfirmation: true });
    const refused = await max.send('POST', `/api/staff/campaigns/${id}/start`, { confirmedCost: 0 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('QUOTA_EXCEEDED');
  });

  it('refuses to start a coupon campaign whose coupon was switched off since it was saved', async () => {
    const template = await createTemplate(product.engine, couponFields(), commandLine, lateEvening);
    const max = await signedIn(product.app, 'max');
    const message = { kind: 'coupon', templateId: template.id, zh: { intro: '' }, en: { intro: '' } };
    const created = await max.send('POST', '/api/staff/campaigns', {
      name: '送券',
      rules: { field: 'lineFriend' },
      message,
    });
    expect(created.statusCode).toBe(201);
    await product.engine.write((tx) =>
      tx.update(couponTemplates).set({ active: false }).where(eq(couponTemplates.id, template.id)),
    );
    const refused = await max.send('POST', `/api/staff/campaigns/${created.json().id}/start`, {});
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields).toEqual({ 'message.templateId': 'COUPON_NOT_AVAILABLE' });
  });

  it('lets only those who may send start one', async () => {
    const { id } = await draftFor();
    const mia = await signedIn(product.app, 'mia', { storeId: tpe });
    expect((await mia.send('POST', `/api/staff/campaigns/${id}/start`, {})).statusCode).toBe(403);
  });
});
