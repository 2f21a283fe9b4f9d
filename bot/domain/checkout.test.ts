import { asc, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine, Tx } from '../../db/engine.ts';
import {
  auditLog,
  earnRules,
  memberNotices,
  members,
  pointLots,
  pointsLedger,
  purchases,
} from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { addStore, joinForm } from '../testing/members.ts';
import type { Actor } from './actor.ts';
import { type PurchaseRequest, recordPurchase } from './checkout.ts';
import { type EarnRule, pointsForPurchase } from './earn-rules.ts';
import { runDailyPointsJob } from './expiry.ts';
import { joinMembership, type Member } from './members.ts';
import { refundPurchase } from './refunds.ts';

let engine: Engine;
let member: Member;
let actor: Actor;
const noon = new Date('2026-11-23T04:00:00Z'); // Monday 12:00 in Taipei
let keys = 0;

beforeEach(async () => {
  engine = await openTestEngine();
  const storeId = (await addStore(engine)).id;
  member = await joinMembership(engine, `U${'c'.repeat(32)}`, joinForm(storeId), noon);
  actor = { staffId: null, storeId, ip: '127.0.0.1', may: 'everything' };
});
afterEach(() => engine.close());

const buy = (price: number, overrides: Partial<PurchaseRequest> = {}) =>
  recordPurchase(
    engine,
    {
      member: { id: member.id, proof: 'card' },
      price,
      redeemPoints: 0,
      channel: 'store',
      reference: `R-${++keys}`,
      idempotencyKey: `key-${keys}`,
      at: noon,
      ...overrides,
    },
    actor,
  );
const balance = async () =>
  (await engine.read((tx) => tx.select().from(members).where(eq(members.id, member.id))))[0]!.pointsBalance;
/** The member's lots, in the order they were earned. */
const lots = () =>
  engine.read((tx) =>
    tx.select().from(pointLots).where(eq(pointLots.memberId, member.id)).orderBy(asc(pointLots.id)),
  );
/** Every row of a table, as committed. */
const all = <T>(query: (tx: Tx) => Promise<T>) => engine.read(query);

const rule = (overrides: Partial<EarnRule>): EarnRule => ({
  id: 1,
  name: 'rule',
  storeId: null,
  channel: null,
  multiplierPercent: 100,
  bonusPoints: 0,
  minAmount: 0,
  weekdays: null,
  startsAt: null,
  endsAt: null,
  active: true,
  createdAt: noon,
  updatedAt: noon,
  ...overrides,
});

describe('earn rules', () => {
  const policy = { spendPerPoint: 50 };
  const purchase = { amount: 1_049, storeId: 1, channel: 'store' as const, at: noon };

  it('give one point per NT$50, rounded down', () => {
    expect(pointsForPurchase(purchase, 100, [], policy).points).toBe(20);
    expect(pointsForPurchase({ ...purchase, amount: 49 }, 100, [], policy).points).toBe(0);
  });

  it('multiply by the tier, rounding once at the end', () => {
    expect(pointsForPurchase(purchase, 150, [], policy).points).toBe(30);
    expect(pointsForPurchase({ ...purchase, amount: 150 }, 120, [], policy).points).toBe(3); // 3 x 1.2 = 3.6
  });

  it('apply a rule for one store only there, and one for a channel only on it', () => {
    const store = rule({ storeId: 2, multiplierPercent: 200 });
    const online = rule({ id: 2, channel: 'online', bonusPoints: 10 });
    expect(pointsForPurchase(purchase, 100, [store, online], policy).points).toBe(20);
    expect(pointsForPurchase({ ...purchase, storeId: 2 }, 100, [store], policy).points).toBe(40);
    expect(pointsForPurchase({ ...purchase, channel: 'online' }, 100, [online], policy).points).toBe(30);
  });

  it('double points at the weekend within the promotion dates, in Taipei time', () => {
    const weekend = rule({
      multiplierPercent: 200,
      weekdays: [0, 6],
      startsAt: new Date('2026-11-01T00:00:00+08:00'),
      endsAt: new Date('2026-12-01T00:00:00+08:00'),
    });
    const saturday = new Date('2026-11-28T10:00:00+08:00');
    // Friday 23:30 UTC is already Saturday in Taipei.
    const lateFriday = new Date('2026-11-27T16:30:00Z');
    expect(pointsForPurchase({ ...purchase, at: saturday }, 100, [weekend], policy).points).toBe(40);
    expect(pointsForPurchase({ ...purchase, at: lateFriday }, 100, [weekend], policy).points).toBe(40);
    expect(pointsForPurchase({ ...purchase, at: noon }, 100, [weekend], policy).points).toBe(20);
    const after = new Date('2026-12-05T10:00:00+08:00');
    expect(pointsForPurchase({ ...purchase, at: after }, 100, [weekend], policy).points).toBe(20);
  });

  it('take the best multiplier of several promotions rather than multiplying them, and add their bonuses', () => {
    const rules = [
      rule({ multiplierPercent: 200, bonusPoints: 5 }),
      rule({ id: 2, multiplierPercent: 150, bonusPoints: 3 }),
      rule({ id: 3, minAmount: 2_000, bonusPoints: 100 }),
    ];
    const earned = pointsForPurchase(purchase, 100, rules, policy);
    expect(earned).toMatchObject({ points: 48, ruleMultiplierPercent: 200, bonusPoints: 8, ruleIds: [1, 2] });
  });

  it('are read from the database and applied at the counter', async () => {
    await engine.write(async (tx) => {
      await tx
        .insert(earnRules)
        .values({ name: '週末雙倍', multiplierPercent: 200, createdAt: noon, updatedAt: noon });
    });
    expect((await buy(1_000)).purchase.pointsEarned).toBe(40);
  });
});

describe('a purchase at the counter', () => {
  it('earns points on what was paid, with a lot that expires at the end of next year, a notice and an audit row', async () => {
    const { purchase, balance: after } = await buy(1_280);
    expect(purchase).toMatchObject({ amount: 1_280, discount: 0, pointsEarned: 25, status: 'completed' });
    expect(after).toBe(25);
    expect(await lots()).toMatchObject([
      { points: 25, remaining: 25, expiresAt: new Date('2027-12-31T16:00:00Z') },
    ]);
    expect(await all((tx) => tx.select().from(memberNotices))).toMatchObject([
      { kind: 'points_earned', status: 'pending' },
    ]);
    expect(await all((tx) => tx.select().from(auditLog))).toMatchObject([
      { action: 'purchase.create', subjectId: `${purchase.id}` },
    ]);
  });

  it('lets the member pay part of the price with points, within the policy, spending the oldest points first', async () => {
    await buy(5_000, { at: new Date('2025-06-01T04:00:00Z') }); // 100 points, expiring end of 2026
    await buy(5_000); // 100 points, expiring end of 2027
    await expect(buy(1_000, { redeemPoints: 99 })).rejects.toThrow(
      expect.objectContaining({ code: 'REDEEM_BELOW_MIN' }),
    );
    await expect(buy(300, { redeemPoints: 151 })).rejects.toThrow(
      expect.objectContaining({ code: 'REDEEM_OVER_LIMIT' }),
    );
    await expect(buy(1_000, { redeemPoints: 201 })).rejects.toThrow(
      expect.objectContaining({ code: 'POINTS_INSUFFICIENT' }),
    );
    expect(await balance()).toBe(200);

    const { purchase } = await buy(1_000, { redeemPoints: 150 });
    expect(purchase).toMatchObject({ amount: 850, discount: 150, pointsRedeemed: 150, pointsEarned: 17 });
    expect(await balance()).toBe(200 - 150 + 17);
    expect((await lots()).map((lot) => lot.remaining)).toEqual([0, 50, 17]);
  });

  it('returns the first result for the same key and changes nothing; refuses the key for another purchase', async () => {
    const first = await buy(1_000, { idempotencyKey: 'same' });
    const again = await buy(1_000, { idempotencyKey: 'same', reference: first.purchase.reference });
    expect(again).toMatchObject({ replayed: true, purchase: first.purchase, balance: 20 });
    expect(await balance()).toBe(20);
    await expect(buy(2_000, { idempotencyKey: 'same' })).rejects.toThrow(
      expect.objectContaining({ code: 'IDEMPOTENCY_CONFLICT' }),
    );
  });

  it('refuses bad input, each field by name, and changes nothing', async () => {
    await expect(buy(0, { reference: '', redeemPoints: -1 })).rejects.toThrow(
      expect.objectContaining({
        details: {
          fields: { price: 'PRICE_INVALID', reference: 'REFERENCE_INVALID', redeemPoints: 'POINTS_INVALID' },
        },
      }),
    );
    expect(await all((tx) => tx.select().from(pointsLedger))).toEqual([]);
  });

  it('moves the member up a tier on the purchase that crosses the bar, and tells them', async () => {
    await buy(9_000);
    const { tierChange } = await buy(1_000);
    expect(tierChange).toMatchObject({ from: { code: 'regular' }, to: { code: 'silver' } });
    const [upgraded] = await all((tx) => tx.select().from(members).where(eq(members.id, member.id)));
    expect(upgraded!.tierCode).toBe('silver');
    expect(upgraded!.tierReviewAt).toEqual(new Date(noon.getTime() + 365 * 24 * 3600_000));
    expect(
      await all((tx) => tx.select().from(memberNotices).where(eq(memberNotices.kind, 'tier_changed'))),
    ).toHaveLength(1);
    // Silver earns 1.2x from the next purchase.
    expect((await buy(1_000)).purchase.pointsEarned).toBe(24);
  });
});

describe('refunds and voids', () => {
  it('void a purchase on its day: the points earned come off and the points spent come back', async () => {
    await buy(10_000); // 200, and silver (1.2x)
    const { purchase } = await buy(1_000, { redeemPoints: 100 }); // -100, +21 on NT$900
    expect(await balance()).toBe(121);
    const voided = await refundPurchase(
      engine,
      { purchaseId: purchase.id, amount: 0, isVoid: true, reason: null, idempotencyKey: 'void-1', at: noon },
      actor,
    );
    expect(voided.purchase.status).toBe('voided');
    expect(await balance()).toBe(200);
    expect((await lots()).map((lot) => lot.remaining)).toEqual([200, 0]);
    const again = await refundPurchase(
      engine,
      { purchaseId: purchase.id, amount: 0, isVoid: true, reason: null, idempotencyKey: 'void-1', at: noon },
      actor,
    );
    expect(again.replayed).toBe(true);
    expect(await balance()).toBe(200);
  });

  it('refuses a void on another day', async () => {
    const { purchase } = await buy(1_000);
    const tomorrow = new Date(noon.getTime() + 24 * 3600_000);
    await expect(
      refundPurchase(
        engine,
        { purchaseId: purchase.id, amount: 0, isVoid: true, reason: null, idempotencyKey: 'v', at: tomorrow },
        actor,
      ),
    ).rejects.toThrow(expect.objectContaining({ code: 'VOID_TOO_LATE' }));
  });

  it('take back earned points in proportion to a partial refund, exactly once the whole is refunded', async () => {
    const { purchase } = await buy(1_000); // 20 points
    const refund = (amount: number, key: string) =>
      refundPurchase(
        engine,
        { purchaseId: purchase.id, amount, isVoid: false, reason: null, idempotencyKey: key, at: noon },
        actor,
      );
    expect((await refund(300, 'r1')).purchase).toMatchObject({
      status: 'partly_refunded',
      refundedAmount: 300,
    });
    expect(await balance()).toBe(14);
    await refund(333, 'r2');
    expect(await balance()).toBe(8); // floor(20 x 633 / 1000) = 12 taken in all
    await expect(refund(400, 'r3')).rejects.toThrow(expect.objectContaining({ code: 'INVALID_FIELDS' }));
    expect((await refund(367, 'r4')).purchase.status).toBe('refunded');
    expect(await balance()).toBe(0);
  });

  it('never take the balance below zero when the earned points were already spent', async () => {
    const { purchase } = await buy(10_000); // 200
    await buy(1_000, { redeemPoints: 150 }); // 50 + 18 left
    const result = await refundPurchase(
      engine,
      { purchaseId: purchase.id, amount: 0, isVoid: true, reason: null, idempotencyKey: 'v', at: noon },
      actor,
    );
    expect(result.balance).toBe(0);
  });
});

describe('expiry', () => {
  it('expires lots at the end of the next year, once, however often the job runs, and reminds a month before', async () => {
    await buy(1_000, { at: new Date('2025-03-01T04:00:00Z') }); // 20, expiring end of 2026
    await buy(500); // 10, expiring end of 2027
    const december = new Date('2026-12-10T00:00:00+08:00');
    expect(await runDailyPointsJob(engine, december)).toMatchObject({ pointsExpired: 0, remindersQueued: 1 });
    expect(await runDailyPointsJob(engine, december)).toMatchObject({ remindersQueued: 0 });
    const newYear = new Date('2027-01-01T00:30:00+08:00');
    expect(await runDailyPointsJob(engine, newYear)).toMatchObject({ membersExpired: 1, pointsExpired: 20 });
    expect(await runDailyPointsJob(engine, newYear)).toMatchObject({ membersExpired: 0, pointsExpired: 0 });
    expect(await balance()).toBe(10);
    expect(
      await all((tx) => tx.select().from(pointsLedger).where(eq(pointsLedger.kind, 'expire'))),
    ).toMatchObject([{ points: -20 }]);
  });

  it('moves a member down only at their yearly review', async () => {
    await buy(30_000); // gold
    const review = new Date(noon.getTime() + 366 * 24 * 3600_000);
    const inAMonth = new Date(noon.getTime() + 30 * 24 * 3600_000);
    expect((await runDailyPointsJob(engine, inAMonth)).tiersReviewed).toBe(0);
    expect(await runDailyPointsJob(engine, review)).toMatchObject({ tiersReviewed: 1, tiersChanged: 1 });
    const [reviewed] = await all((tx) => tx.select().from(members).where(eq(members.id, member.id)));
    expect(reviewed!.tierCode).toBe('regular');
  });
});

describe('at the same time (on PostgreSQL, side by side)', () => {
  /** What the member's ledger and lots add up to. */
  const held = () =>
    engine.read(async (tx) => {
      const [ledger] = await tx
        .select({ total: sql<number>`coalesce(sum(${pointsLedger.points}), 0)`.mapWith(Number) })
        .from(pointsLedger)
        .where(eq(pointsLedger.memberId, member.id));
      const lots = await tx.select().from(pointLots).where(eq(pointLots.memberId, member.id));
      return { ledger: ledger!.total, lots: lots.reduce((sum, lot) => sum + lot.remaining, 0) };
    });

  it('refunds a purchase no further than its amount, however many refunds arrive together', async () => {
    const { purchase } = await buy(1_000); // 20 points
    const refunds = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        refundPurchase(
          engine,
          {
            purchaseId: purchase.id,
            amount: 300,
            isVoid: false,
            reason: null,
            idempotencyKey: `r${i}`,
            at: noon,
          },
          actor,
        ),
      ),
    );
    expect(refunds.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const [after] = await engine.read((tx) =>
      tx.select().from(purchases).where(eq(purchases.id, purchase.id)),
    );
    expect(after!.refundedAmount).toBe(900);
    expect(await balance()).toBe(2); // floor(20 x 900 / 1000) = 18 taken back
    expect(await held()).toEqual({ ledger: 2, lots: 2 });
  });

  it('expires due points once when the daily job and purchases meet them together', async () => {
    await buy(1_000, { at: new Date('2025-03-01T04:00:00Z') }); // 20, expiring end of 2026
    await buy(5_000); // 100, expiring end of 2027
    const newYear = new Date('2027-01-01T00:30:00+08:00');
    // A moment apart each: expiries at different times are different entries.
    const purchases = Array.from({ length: 4 }, (_, i) => buy(500, { at: new Date(newYear.getTime() + i) }));
    await Promise.all([runDailyPointsJob(engine, newYear), ...purchases]);
    expect(await balance()).toBe(140);
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
    const storeId = actor.storeId;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
        // A member of their own for each run, on the test's database: every check below is the member's.
        runs++;
        const lineUser = `U${runs.toString(16).padStart(32, 'e')}`;
        const phone = `09${String(runs).padStart(8, '0')}`;
        member = await joinMembership(engine, lineUser, joinForm(storeId!, { phone }), noon);
        actor = { staffId: null, storeId, ip: null, may: 'everything' };
        let at = noon;
        const made: PurchaseRequest[] = [];
        for (const s of steps) {
          try {
            if (s.op === 'buy') {
              const request = {
                member: { id: member.id, proof: 'card' as const },
                price: s.price,
                redeemPoints: s.redeem,
                channel: 'store' as const,
                reference: `R-${++keys}`,
                idempotencyKey: `k-${keys}`,
                at,
              };
              await buy(s.price, request);
              made.push(request);
            } else if (s.op === 'retry' && made.length > 0) {
              const request = made[s.which % made.length]!;
              expect((await buy(request.price, request)).replayed).toBe(true);
            } else if ((s.op === 'refund' || s.op === 'void') && made.length > 0) {
              const request = made[s.which % made.length]!;
              const purchase = (await buy(request.price, request)).purchase;
              const left = purchase.amount - purchase.refundedAmount;
              const amount = s.op === 'refund' ? Math.max(1, Math.floor((left * s.share) / 100)) : 0;
              await refundPurchase(
                engine,
                {
                  purchaseId: purchase.id,
                  amount,
                  isVoid: s.op === 'void',
                  reason: null,
                  idempotencyKey: `rf-${++keys}`,
                  at,
                },
                actor,
              );
            } else if (s.op === 'days') {
              at = new Date(at.getTime() + s.days * 24 * 3600_000);
              await runDailyPointsJob(engine, at);
            }
          } catch (error) {
            // Refusals by the rules are fine; they must change nothing, which the checks below see.
            if (!(error instanceof Error && 'code' in error)) throw error;
          }
          const stored = await balance();
          const [ledger] = await engine.read((tx) =>
            tx
              .select({ total: sql<number>`coalesce(sum(${pointsLedger.points}), 0)`.mapWith(Number) })
              .from(pointsLedger)
              .where(eq(pointsLedger.memberId, member.id)),
          );
          const held = await lots();
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
