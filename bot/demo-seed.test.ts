import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoStaff, seedDemo, seedDemoStaff } from './demo-seed.ts';
import { listStaff } from './domain/staff.ts';
import { activeStores } from './domain/stores.ts';
import { type Product, startProduct } from './testing/harness.ts';
import { addStaff, signedIn } from './testing/staff.ts';

let product: Product;
const now = new Date('2026-12-01T02:00:00Z');

beforeEach(async () => {
  product = await startProduct();
});
afterEach(() => product.close());

describe('the demo staff', () => {
  it('includes a store manager at the first store, who may void and refund there', async () => {
    await seedDemo(product.engine, now);
    await seedDemoStaff(product.engine, now);
    await seedDemoStaff(product.engine, now);
    const [first] = await activeStores(product.engine);
    expect((await listStaff(product.engine, 'all')).map((s) => [s.username, s.role, s.storeIds])).toEqual([
      ['admin', 'admin', []],
      ['manager', 'store_manager', [first!.id]],
      ['clerk', 'clerk', [first!.id]],
    ]);
    const manager = demoStaff.find((s) => s.role === 'store_manager')!;
    const session = await signedIn(product.app, manager.username, { password: manager.password });
    expect(session.response.json()).toMatchObject({
      store: { id: first!.id },
      actions: expect.arrayContaining(['purchase.void', 'purchase.refund']),
    });
  });

  it('adds the store manager to a demo database seeded before there was one', async () => {
    await seedDemo(product.engine, now);
    const [first] = await activeStores(product.engine);
    await addStaff(product.engine, 'admin', 'admin');
    await addStaff(product.engine, 'clerk', 'clerk', [first!.id]);
    await seedDemoStaff(product.engine, now);
    expect((await listStaff(product.engine, 'all')).map((s) => s.username)).toEqual([
      'admin',
      'clerk',
      'manager',
    ]);
  });
});
