import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

let product: Product;
let tpe: number;

beforeEach(async () => {
  product = await startProduct();
  tpe = (await addStore(product.engine)).id;
  await addStaff(product.engine, 'max', 'marketer');
  await addStaff(product.engine, 'amy', 'clerk', [tpe]);
});
afterEach(() => product.close());

describe('the dashboard route', () => {
  it('answers marketers, refuses clerks, and refuses an unknown or malformed query', async () => {
    expect((await product.app.inject({ method: 'GET', url: '/api/staff/dashboard' })).statusCode).toBe(401);
    const amy = await signedIn(product.app, 'amy', { storeId: tpe });
    expect((await amy.get('/api/staff/dashboard?from=2026-11-01&to=2026-11-30')).statusCode).toBe(403);
    const max = await signedIn(product.app, 'max');
    const ok = await max.get(`/api/staff/dashboard?from=2026-11-01&to=2026-11-30&storeId=${tpe}`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      from: '2026-11-01',
      to: '2026-11-30',
      storeId: tpe,
      sales: { orders: 0 },
    });
    expect(ok.json().days).toHaveLength(30);
    expect((await max.get('/api/staff/dashboard?from=2026-11-01&to=2026-11-30&extra=1')).statusCode).toBe(
      400,
    );
    expect((await max.get('/api/staff/dashboard?from=2026-11-01')).statusCode).toBe(400);
    const backwards = await max.get('/api/staff/dashboard?from=2026-11-30&to=2026-11-01');
    expect(backwards.json()).toMatchObject({ code: 'INVALID_FIELDS' });
  });
});
