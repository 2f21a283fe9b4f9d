import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pointLots, pointsLedger, purchases } from '../../db/schema.ts';
import { joinForm } from '../testing/members.ts';
import { type Counter, noon, openCounter } from '../testing/purchases.ts';
import { runDailyPointsJob } from './daily-points-job.ts';
import { joinMembership } from './members.ts';
import type { PurchaseRequest } from './purchases.ts';
import { refundPurchase } from './refunds.ts';

let counter: Counter;
beforeEach(async () => {
  counter = await openCounter();
});
afterEach(() => counter.engine.close());

describe('at the same time (on PostgreSQL, side by side)', () => {
  /** What the member's ledger and lots add up to. */
  const held = () =>
    counter.engine.read(async (tx) => {
      const [ledger] = await tx
        .select({ total: sql<number>`coalesce(sum(${pointsLedger.points}), 0)`.mapWith(Number) })
        .from(pointsLedger)
        .where(eq(pointsLedger.memberId, counter.member.id));
      const lots = await tx.select().from(pointLots).where(eq(pointLots.memberId, counter.member.id));
      return { ledger: ledger!.total, lots: lots.reduce((sum, lot) => sum + lot.remaining, 0) };
    });

  it('refunds a purchase no further than its amount, however many refunds arrive together', async () => {
    const { purchase } = await counter.buy(1_000); // 20 points
    const refunds = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        refundPurchase(
          counter.engine,
          {
            purchaseId: purchase.id,
            amount: 300,
            isVoid: false,
            reason: null,
            idempotencyKey: `r${i}`,
            at: noon,
          },
          counter.actor,
        ),
      ),
    );
    expect(refunds.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const [after] = await counter.engine.read((tx) =>
      tx.select().from(purchases).where(eq(purchases.id, purchase.id)),
    );
    expect(after!.refundedAmount).toBe(900);
    expect(await counter.balance()).toBe(2); // floor(20 x 900 / 1000) = 18 taken back
    expect(await held()).toEqual({ ledger: 2, lots: 2 });
  });

  it('expires due points once when the daily job and purchases meet them together', async () => {
    await counter.buy(1_000, { at: new Date('2025-03-01T04:00:00Z') }); // 20, expiring end of 2026
    await counter.buy(5_000); // 100, expiring end of 2027
    const newYear = new Date('2027-01-01T00:30:00+08:00');
    // A moment apart each: expiries at different times are different entries.
    const purchases = Array.from({ length: 4 }, (_, i) =>
      counter.buy(500, { at: new Date(newYear.getTime() + i) }),
    );
    await Promise.all([runDailyPointsJob(counter.engine, newYear), ...purchases]);
    expect(await counter.balance()).toBe(140);
    expect(await held()).toEqual({ ledger: 140, lots: 140 });
  });
});

describe('the ledger, over random sequences of earn, redeem, refund and expire', () => {
  it('keeps every balance equal to its ledger and its lots, and never below zero', {
    timeout: 300_000,
  }, async () => {
    const step = fc.oneof(
      fc.record({
        op: fc.constant('buy' as const),
        price: fc.integer({ min: 1, max: 20_000 }),
        redeem: fc.nat(600),
      }),
      fc.record({
        op: fc.constant('refund' as const),
        which: fc.nat(20),
        share: fc.integer({ min: 1, max: 100 }),
      }),
      fc.record({ op: fc.constant('void' as const), which: fc.nat(20) }),
      fc.record({ op: fc.constant('days' as const), days: fc.integer({ min: 1, max: 400 }) }),
      fc.record({ op: fc.constant('retry' as const), which: fc.nat(20) }),
    );
    const storeId = counter.actor.storeId;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
        // A member of their own for each run, on the test's database: every check below is the member's.
        runs++;
        const lineUser = `U${runs.toString(16).padStart(32, 'e')}`;
        const phone = `09${String(runs).padStart(8, '0')}`;
        counter.member = await joinMembership(counter.engine, lineUser, joinForm(storeId!, { phone }), noon);
        counter.actor = { staffId: null, storeId, ip: null, may: 'everything' };
        let at = noon;
        const made: PurchaseRequest[] = [];
        for (const s of steps) {
          try {
            if (s.op === 'buy') {
              const request = {
                member: { id: counter.member.id, proof: 'card' as const },
                price: s.price,
                redeemPoints: s.redeem,
                channel: 'store' as const,
                reference: `R-${++counter.keys}`,
                idempotencyKey: `k-${counter.keys}`,
                at,
              };
              await counter.buy(s.price, request);
              made.push(request);
            } else if (s.op === 'retry' && made.length > 0) {
              const request = made[s.which % made.length]!;
              expect((await counter.buy(request.price, request)).replayed).toBe(true);
            } else if ((s.op === 'refund' || s.op === 'void') && made.length > 0) {
              const request = made[s.which % made.length]!;
              const purchase = (await counter.buy(request.price, request)).purchase;
              const left = purchase.amount - purchase.refundedAmount;
              const amount = s.op === 'refund' ? Math.max(1, Math.floor((left * s.share) / 100)) : 0;
              await refundPurchase(
                counter.engine,
                {
                  purchaseId: purchase.id,
                  amount,
                  isVoid: s.op === 'void',
                  reason: null,
                  idempotencyKey: `rf-${++counter.keys}`,
                  at,
                },
                counter.actor,
              );
            } else if (s.op === 'days') {
              at = new Date(at.getTime() + s.days * 24 * 3600_000);
              await runDailyPointsJob(counter.engine, at);
            }
          } catch (error) {
            // Refusals by the rules are fine; they must change nothing, which the checks below see.
            if (!(error instanceof Error && 'code' in error)) throw error;
          }
          const stored = await counter.balance();
          const [ledger] = await counter.engine.read((tx) =>
            tx
              .select({ total: sql<number>`coalesce(sum(${pointsLedger.points}), 0)`.mapWith(Number) })
              .from(pointsLedger)
              .where(eq(pointsLedger.memberId, counter.member.id)),
          );
          const held = await counter.lots();
          expect(stored).toBeGreaterThanOrEqual(0);
          expect(ledger!.total).toBe(stored);
          expect(held.reduce((sum, lot) => sum + lot.remaining, 0)).toBe(stored);
          expect(held.every((lot) => lot.remaining >= 0 && lot.remaining <= lot.points)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
