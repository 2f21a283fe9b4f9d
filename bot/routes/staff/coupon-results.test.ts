import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore, importMember } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

let product: Product;
let tpe: number;

beforeEach(async () => {
  product = await startProduct();
  tpe = (await addStore(product.engine)).id;
  await addStaff(product.engine, 'max', 'marketer');
  await addStaff(product.engine, 'mia', 'store_manager', [tpe]);
  await addStaff(product.engine, 'amy', 'clerk', [tpe]);
});
afterEach(() => product.close());

const template = {
  kind: 'amount_off',
  amountOff: 100,
  minSpend: 500,
  validDays: 30,
  discountBudget: 10_000,
  channels: ['store'],
  title: '滿五百折一百',
  titleEn: 'NT$100 off NT$500',
  terms: '每次消費限用一張。',
  termsEn: 'One per purchase.',
  stackable: false,
};

describe("a coupon template's results in the console", () => {
  it('answers store managers and marketers with the figures, a clerk with 403 before anything is read', async () => {
    const max = await signedIn(product.app, 'max');
    const { id } = (await max.send('POST', '/api/staff/coupon-templates', template)).json();
    const member = await importMember(product.engine, '0911222333', '1985-03-03');
    const mia = await signedIn(product.app, 'mia', { storeId: tpe });
    const given = await mia.send('POST', `/api/staff/members/${member.id}/coupons`, {
      templateId: id,
      idempotencyKey: 'give-0001',
    });
    expect(given.statusCode).toBe(201);

    const results = await mia.get(`/api/staff/coupon-templates/${id}/results`);
    expect(results.statusCode).toBe(200);
    expect(results.json()).toMatchObject({
      templateId: id,
      issued: 1,
      claimed: 0,
      byHow: { staff: 1, claim: 0 },
      unused: 1,
      used: 0,
      discountGiven: 0,
      budget: 10_000,
      byStore: [],
    });
    const all = await max.get(`/api/staff/coupon-templates/${id}/results?versions=all`);
    expect(all.json()).toMatchObject({ issued: 1, versions: [id] });
    const wrong = await max.get(`/api/staff/coupon-templates/${id}/results?versions=some&more=1`);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({
      code: 'INVALID_FIELDS',
      fields: { versions: 'INVALID', more: 'UNKNOWN_FIELD' },
    });

    const amy = await signedIn(product.app, 'amy', { storeId: tpe });
    const refused = await amy.get(`/api/staff/coupon-templates/${id}/results`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await amy.get('/api/staff/coupon-templates/999999/results')).statusCode).toBe(403);
  });

  it('answers a template that does not exist with 404, and a wrong id by name', async () => {
    const max = await signedIn(product.app, 'max');
    const missing = await max.get('/api/staff/coupon-templates/999999/results');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'COUPON_TEMPLATE_NOT_FOUND' });
    expect((await max.get('/api/staff/coupon-templates/abc/results')).statusCode).toBe(400);
  });
});
