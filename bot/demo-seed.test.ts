import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoClaim, demoStaff, seedDemo, seedDemoStaff } from './demo-seed.ts';
import { claimMembership } from './domain/claims.ts';
import { currentConsent } from './domain/consent.ts';
import { claimableOffersFor, rewardsFor, walletOf } from './domain/coupon-wallet.ts';
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
      ['marketer', 'marketer', []],
    ]);
    const manager = demoStaff.find((s) => s.role === 'store_manager')!;
    const session = await signedIn(product.app, manager.username, { password: manager.password });
    expect(session.response.json()).toMatchObject({
      store: { id: first!.id },
      actions: expect.arrayContaining(['purchase.void', 'purchase.refund']),
    });
  });

  it('adds the store manager and the marketer to a demo database seeded before there were any', async () => {
    await seedDemo(product.engine, now);
    const [first] = await activeStores(product.engine);
    await addStaff(product.engine, 'admin', 'admin');
    await addStaff(product.engine, 'clerk', 'clerk', [first!.id]);
    await seedDemoStaff(product.engine, now);
    expect((await listStaff(product.engine, 'all')).map((s) => s.username)).toEqual([
      'admin',
      'clerk',
      'manager',
      'marketer',
    ]);
  });
});

describe('the demo coupons', () => {
  it('offer a claim link, a lottery and a reward, and welcome the demo member when claimed, once', async () => {
    await seedDemo(product.engine, now);
    await seedDemo(product.engine, now);
    const member = await claimMembership(
      product.engine,
      'U-demo-visitor',
      { ...demoClaim, ...currentConsent, acceptTerms: true, marketingOptIn: false },
      now,
    );
    const { offers, rewards, wallet } = await product.engine.read(async (tx) => ({
      offers: await claimableOffersFor(tx, member.id, now),
      rewards: await rewardsFor(tx, member.id, now),
      wallet: await walletOf(tx, member.id, now),
    }));
    expect(offers.map((o) => [o.title, o.lotteryWinPercent])).toEqual([
      ['抽手工餅乾一片', 30],
      ['滿 300 折 50', null],
    ]);
    expect(rewards.map((r) => [r.titleEn, r.pointsPrice])).toEqual([['A latte for 100 points', 100]]);
    expect(wallet.usable.map((c) => c.title)).toEqual(['新會員見面禮 折 80']);
  });
});
