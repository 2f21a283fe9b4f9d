import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, memberNotices, members, pointsLedger } from '../../db/schema.ts';
import { type Counter, noon, openCounter } from '../testing/purchases.ts';

let counter: Counter;
beforeEach(async () => {
  counter = await openCounter();
});
afterEach(() => counter.engine.close());

describe('a purchase at the counter', () => {
  it('earns points on what was paid, with a lot that expires at the end of next year, a notice and an audit row', async () => {
    const { purchase, balance: after } = await counter.buy(1_280);
    expect(purchase).toMatchObject({ amount: 1_280, discount: 0, pointsEarned: 25, status: 'completed' });
    expect(after).toBe(25);
    expect(await counter.lots()).toMatchObject([
      { points: 25, remaining: 25, expiresAt: new Date('2027-12-31T16:00:00Z') },
    ]);
    expect(await counter.engine.read((tx) => tx.select().from(memberNotices))).toMatchObject([
      { kind: 'points_earned', status: 'pending' },
    ]);
    expect(await counter.engine.read((tx) => tx.select().from(auditLog))).toMatchObject([
      { action: 'purchase.create', subjectId: `${purchase.id}` },
    ]);
  });

  it('lets the member pay part of the price with points, within the policy, spending the oldest points first', async () => {
    await counter.buy(5_000, { at: new Date('2025-06-01T04:00:00Z') }); // 100 points, expiring end of 2026
    await counter.buy(5_000); // 100 points, expiring end of 2027
    await expect(counter.buy(1_000, { redeemPoints: 99 })).rejects.toThrow(
      expect.objectContaining({ code: 'REDEEM_BELOW_MIN' }),
    );
    await expect(counter.buy(300, { redeemPoints: 151 })).rejects.toThrow(
      expect.objectContaining({ code: 'REDEEM_OVER_LIMIT' }),
    );
    await expect(counter.buy(1_000, { redeemPoints: 201 })).rejects.toThrow(
      expect.objectContaining({ code: 'POINTS_INSUFFICIENT' }),
    );
    expect(await counter.balance()).toBe(200);

    const { purchase } = await counter.buy(1_000, { redeemPoints: 150 });
    expect(purchase).toMatchObject({ amount: 850, discount: 150, pointsRedeemed: 150, pointsEarned: 17 });
    expect(await counter.balance()).toBe(200 - 150 + 17);
    expect((await counter.lots()).map((lot) => lot.remaining)).toEqual([0, 50, 17]);
  });

  it('returns the first result for the same key and changes nothing; refuses the key for another purchase', async () => {
    const first = await counter.buy(1_000, { idempotencyKey: 'same' });
    const again = await counter.buy(1_000, { idempotencyKey: 'same', reference: first.purchase.reference });
    expect(again).toMatchObject({ replayed: true, purchase: first.purchase, balance: 20 });
    expect(await counter.balance()).toBe(20);
    await expect(counter.buy(2_000, { idempotencyKey: 'same' })).rejects.toThrow(
      expect.objectContaining({ code: 'IDEMPOTENCY_CONFLICT' }),
    );
  });

  it('refuses bad input, each field by name, and changes nothing', async () => {
    await expect(counter.buy(0, { reference: '', redeemPoints: -1 })).rejects.toThrow(
      expect.objectContaining({
        details: {
          fields: { price: 'PRICE_INVALID', reference: 'REFERENCE_INVALID', redeemPoints: 'POINTS_INVALID' },
        },
      }),
    );
    expect(await counter.engine.read((tx) => tx.select().from(pointsLedger))).toEqual([]);
  });

  it('moves the member up a tier on the purchase that crosses the bar, and tells them', async () => {
    await counter.buy(9_000);
    const { tierChange } = await counter.buy(1_000);
    expect(tierChange).toMatchObject({ from: { code: 'regular' }, to: { code: 'silver' } });
    const [upgraded] = await counter.engine.read((tx) =>
      tx.select().from(members).where(eq(members.id, counter.member.id)),
    );
    expect(upgraded!.tierCode).toBe('silver');
    expect(upgraded!.tierReviewAt).toEqual(new Date(noon.getTime() + 365 * 24 * 3600_000));
    expect(
      await counter.engine.read((tx) =>
        tx.select().from(memberNotices).where(eq(memberNotices.kind, 'tier_changed')),
      ),
    ).toHaveLength(1);
    // Silver earns 1.2x from the next purchase.
    expect((await counter.buy(1_000)).purchase.pointsEarned).toBe(24);
  });
});
