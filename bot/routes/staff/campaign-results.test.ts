import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCampaign } from '../../domain/campaigns/fixture.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

let product: Product;

beforeEach(async () => {
  product = await startProduct();
  const tpe = (await addStore(product.engine)).id;
  await addStaff(product.engine, 'boss', 'admin');
  await addStaff(product.engine, 'max', 'marketer');
  await addStaff(product.engine, 'mia', 'store_manager', [tpe]);
});
afterEach(() => product.close());

describe('GET /api/staff/campaigns/:id/results', () => {
  it('answers marketers and admins, refuses a store manager, and refuses days out of 1–90 or an unknown field', async () => {
    const id = await addCampaign(product.engine);
    const max = await signedIn(product.app, 'max');
    const results = await max.get(`/api/staff/campaigns/${id}/results?days=30`);
    expect(results.statusCode).toBe(200);
    expect(results.json()).toMatchObject({ campaignId: id, days: 30, from: null, recipients: 0, series: [] });
    expect((await max.get(`/api/staff/campaigns/${id}/results`)).json()).toMatchObject({ days: 14 });
    const boss = await signedIn(product.app, 'boss');
    expect((await boss.get(`/api/staff/campaigns/${id}/results`)).statusCode).toBe(200);
    const mia = await signedIn(product.app, 'mia');
    expect((await mia.get(`/api/staff/campaigns/${id}/results`)).statusCode).toBe(403);
    for (const query of ['days=0', 'days=91', 'days=two', 'days=7&store=1'])
      expect((await max.get(`/api/staff/campaigns/${id}/results?${query}`)).statusCode).toBe(400);
    expect((await max.get('/api/staff/campaigns/999/results')).statusCode).toBe(404);
  });
});
