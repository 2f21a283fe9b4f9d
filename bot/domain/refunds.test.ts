import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Counter, noon, openCounter } from '../testing/purchases.ts';
import { refundPurchase } from './refunds.ts';

let counter: Counter;
beforeEach(async () => {
  counter = await openCounter();
});
afterEach(() => counter.engine.close());

describe('refunds and voids', () => {
  it('void a purchase on its day: the points earned come off and the points spent come back', async () => {
    await counter.buy(10_000); // 200, and silver (1.2x)
    const { purchase } = await counter.buy(1_000, { redeemPoints: 100 }); // -100, +21 on NT$900
    expect(await counter.balance()).toBe(121);
    const voided = await refundPurchase(
      counter.engine,
      { purchaseId: purchase.id, amount: 0, isVoid: true, reason: null, idempotencyKey: 'void-1', at: noon },
      counter.actor,
    );
    expect(voided.purchase.status).toBe('voided');
    expect(await counter.balance()).toBe(200);
    expect((await counter.lots()).map((lot) => lot.remaining)).toEqual([200, 0]);
    const again = await refundPurchase(
      counter.engine,
      { purchaseId: purchase.id, amount: 0, isVoid: true, reason: null, idempotencyKey: 'void-1', at: noon },
      counter.actor,
    );
    expect(again.replayed).toBe(true);
    expect(await counter.balance()).toBe(200);
  });

  it('refuses a void on another day', async () => {
    const { purchase } = await counter.buy(1_000);
    const tomorrow = new Date(noon.getTime() + 24 * 3600_000);
    await expect(
      refundPurchase(
        counter.engine,
        { purchaseId: purchase.id, amount: 0, isVoid: true, reason: null, idempotencyKey: 'v', at: tomorrow },
        counter.actor,
      ),
    ).rejects.toThrow(expect.objectContaining({ code: 'VOID_TOO_LATE' }));
  });

  it('take back earned points in proportion to a partial refund, exactly once the whole is refunded', async () => {
    const { purchase } = await counter.buy(1_000); // 20 points
    const refund = (amount: number, key: string) =>
      refundPurchase(
        counter.engine,
        { purchaseId: purchase.id, amount, isVoid: false, reason: null, idempotencyKey: key, at: noon },
        counter.actor,
      );
    expect((await refund(300, 'r1')).purchase).toMatchObject({
      status: 'partly_refunded',
      refundedAmount: 300,
    });
    expect(await counter.balance()).toBe(14);
    await refund(333, 'r2');
    expect(await counter.balance()).toBe(8); // floor(20 x 633 / 1000) = 12 taken in all
    await expect(refund(400, 'r3')).rejects.toThrow(expect.objectContaining({ code: 'INVALID_FIELDS' }));
    expect((await refund(367, 'r4')).purchase.status).toBe('refunded');
    expect(await counter.balance()).toBe(0);
  });

  it('never take the balance below zero when the earned points were already spent', async () => {
    const { purchase } = await counter.buy(10_000); // 200
    await counter.buy(1_000, { redeemPoints: 150 }); // 50 + 18 left
    const result = await refundPurchase(
      counter.engine,
      { purchaseId: purchase.id, amount: 0, isVoid: true, reason: null, idempotencyKey: 'v', at: noon },
      counter.actor,
    );
    expect(result.balance).toBe(0);
  });
});
