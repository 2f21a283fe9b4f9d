import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { auditLog, coupons, members, pointLots, pointsLedger } from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { couponFields, manyMembers, outcomeOf } from '../testing/coupon-issuing.ts';
import { type Actor, commandLine } from './actor.ts';
import { exchangePoints } from './coupon-exchange.ts';
import { createTemplate } from './coupon-templates.ts';
import { voidCoupon } from './coupon-void.ts';
import { rewardsFor } from './coupon-wallet.ts';
import { earnPoints } from './points-earning.ts';

const now = new Date('2026-12-01T02:00:00Z');
const manager: Actor = {
  staffId: null,
  storeId: null,
  ip: null,
  may: { role: 'store_manager', storeIds: [1] },
};
const clerk: Actor = { staffId: null, storeId: 1, ip: null, may: { role: 'clerk', storeIds: [1] } };

let engine: Engine;
let member: number;
beforeEach(async () => {
  engine = await openTestEngine();
  [member] = (await manyMembers(engine, 1)) as [number];
});
afterEach(() => engine.close());

const earn = (points: number, key: string, at = now) =>
  earnPoints(engine, {
    memberId: member,
    points,
    amount: null,
    storeId: null,
    channel: 'other',
    reference: null,
    idempotencyKey: key,
    at,
  });
const latte = () =>
  createTemplate(
    engine,
    couponFields({
      ...{ kind: 'gift', giftName: '拿鐵', giftNameEn: 'Latte', validDays: 60 },
      ...{ claimable: false, pointsPrice: 100 },
    }),
    commandLine,
    now,
  );
const exchange = (templateId: number, key: string, at = now) =>
  exchangePoints(engine, { templateId, memberId: member, idempotencyKey: key, at });

/** The member's balance, the sum of their ledger and what their lots hold: always the same. */
const books = () =>
  engine.read(async (tx) => {
    const [row] = await tx
      .select({ balance: members.pointsBalance })
      .from(members)
      .where(eq(members.id, member));
    const [ledger] = await tx
      .select({ sum: sql<number>`coalesce(sum(${pointsLedger.points}), 0)`.mapWith(Number) })
      .from(pointsLedger)
      .where(eq(pointsLedger.memberId, member));
    const [lots] = await tx
      .select({ sum: sql<number>`coalesce(sum(${pointLots.remaining}), 0)`.mapWith(Number) })
      .from(pointLots)
      .where(eq(pointLots.memberId, member));
    return { balance: row!.balance, ledger: ledger!.sum, lots: lots!.sum };
  });

describe('the rewards catalogue', () => {
  it('exchanges points for a coupon in one transaction: balance = ledger = lots under concurrency', async () => {
    const template = await latte();
    await earn(350, 'earn-350');
    await earn(300, 'earn-300');
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => outcomeOf(exchange(template.id, `exchange-${i}`))),
    );
    expect(outcomes.filter((o) => o === 'DONE')).toHaveLength(6);
    expect(outcomes.filter((o) => o === 'POINTS_INSUFFICIENT')).toHaveLength(14);
    expect(await books()).toEqual({ balance: 50, ledger: 50, lots: 50 });
    const bought = await engine.read((tx) => tx.select().from(coupons));
    expect(bought).toHaveLength(6);
    expect(bought.every((c) => c.how === 'points' && c.pointsSpent === 100)).toBe(true);
    const entries = await engine.read((tx) =>
      tx.select().from(pointsLedger).where(eq(pointsLedger.kind, 'exchange')),
    );
    expect(entries).toHaveLength(6);
    expect(entries[0]!.note).toContain(bought.find((c) => entries[0]!.note!.includes(c.code))!.code);
  });

  it('answers a retry with the first coupon and spends nothing more; refuses a template not in it', async () => {
    const template = await latte();
    await earn(500, 'earn-500');
    const first = await exchange(template.id, 'same-exchange');
    const again = await exchange(template.id, 'same-exchange');
    expect(again).toMatchObject({ coupon: { id: first.coupon.id }, replayed: true, balance: 400 });
    const free = await createTemplate(engine, couponFields(), commandLine, now);
    expect(await outcomeOf(exchange(free.id, 'not-a-reward'))).toBe('COUPON_NOT_IN_CATALOGUE');
    expect(await engine.read((tx) => rewardsFor(tx, member, now))).toMatchObject([
      { templateId: template.id, pointsPrice: 100, canClaim: true },
    ]);
  });

  it('does not pay with points that have come to their expiry', async () => {
    const template = await latte();
    await earn(150, 'old', new Date('2024-06-01T02:00:00Z')); // expired at the end of 2025
    expect(await outcomeOf(exchange(template.id, 'with-expired'))).toBe('POINTS_INSUFFICIENT');
    // The refusal changes nothing: the daily job expires them.
    expect(await books()).toEqual({ balance: 150, ledger: 150, lots: 150 });
    expect(await engine.read((tx) => tx.select().from(coupons))).toEqual([]);
  });
});

describe('voiding a coupon', () => {
  it('gives a catalogue coupon its points back, audited, by a store manager only', async () => {
    const template = await latte();
    await earn(100, 'earn-100');
    const { coupon } = await exchange(template.id, 'to-void');
    await expect(voidCoupon(engine, coupon.id, '會員不要了', clerk, now)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const voided = await voidCoupon(engine, coupon.id, '會員不要了', manager, now);
    expect(voided).toMatchObject({ pointsReturned: 100, balance: 100, coupon: { status: 'void' } });
    expect(await books()).toEqual({ balance: 100, ledger: 100, lots: 100 });
    expect(await outcomeOf(voidCoupon(engine, coupon.id, '再一次', manager, now))).toBe('COUPON_VOID');
    const [audit] = await engine.read((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, 'coupon.void')),
    );
    expect(audit).toMatchObject({ subjectType: 'coupon', subjectId: String(coupon.id) });
  });

  it('gives back only points still in date, and never a used coupon', async () => {
    const template = await latte();
    await earn(100, 'short-lived', new Date('2025-06-01T02:00:00Z')); // expire at the end of 2026
    const { coupon } = await exchange(template.id, 'before-expiry');
    const newYear = new Date('2027-01-02T02:00:00Z');
    // The coupon (60 days) is still good on 2 January; the lot that paid for it is not.
    const voided = await voidCoupon(engine, coupon.id, '過期點數', manager, newYear);
    expect(voided).toMatchObject({ pointsReturned: 0, balance: 0 });
    expect(await books()).toEqual({ balance: 0, ledger: 0, lots: 0 });

    await earn(100, 'fresh');
    const { coupon: used } = await exchange(template.id, 'to-use');
    await engine.write((tx) =>
      tx.update(coupons).set({ status: 'used', usedAt: now }).where(eq(coupons.id, used.id)),
    );
    expect(await outcomeOf(voidCoupon(engine, used.id, '用過了', manager, now))).toBe(
      'EXCHANGE_NOT_REVERSIBLE',
    );
  });
});
