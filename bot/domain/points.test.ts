import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { addStore, joinForm } from '../testing/members.ts';
import { commandLine } from './actor.ts';
import { lastValidDay } from './expiry.ts';
import { findMemberByLineUser, joinMembership, type Member } from './members.ts';
import { earnPoints, expiryOf } from './points-earning.ts';
import { pointsHistory, pointsSummary } from './points-statement.ts';
import { recordPurchase } from './purchases.ts';
import { refundPurchase } from './refunds.ts';
import { tierProgress } from './tiers.ts';

let engine: Engine;
let member: Member;
let storeId: number;
const lineUser = `U${'d'.repeat(32)}`;
const now = new Date('2026-11-22T04:00:00Z');

beforeEach(async () => {
  engine = await openTestEngine();
  storeId = (await addStore(engine)).id;
  member = await joinMembership(engine, lineUser, joinForm(storeId), now);
});
afterEach(() => engine.close());

const earn = (points: number, amount: number, at: Date, key: string) =>
  earnPoints(engine, {
    memberId: member.id,
    points,
    amount,
    storeId,
    channel: 'store',
    reference: key,
    idempotencyKey: key,
    at,
  });

describe('points', () => {
  it('expire at the end of the calendar year after the one they were earned, in Taipei time', () => {
    expect(expiryOf(new Date('2026-03-01T00:00:00Z')).toISOString()).toBe('2027-12-31T16:00:00.000Z');
    // 31 Dec 2025 20:00 UTC is already 1 Jan 2026 in Taipei.
    expect(expiryOf(new Date('2025-12-31T20:00:00Z')).toISOString()).toBe('2027-12-31T16:00:00.000Z');
  });

  it('earn once per idempotency key, keeping the balance and the ledger together', async () => {
    const first = await earn(20, 1000, now, 'R-1');
    const again = await earn(20, 1000, now, 'R-1');
    expect(again.id).toBe(first.id);
    expect((await engine.read((tx) => findMemberByLineUser(tx, lineUser)))?.pointsBalance).toBe(20);
    expect((await engine.read((tx) => pointsHistory(tx, member.id))).entries).toHaveLength(1);
  });

  it('show the points that expire within 90 days, by date', async () => {
    await earn(10, 500, new Date('2025-02-01T00:00:00Z'), 'old');
    await earn(5, 250, new Date('2025-06-01T00:00:00Z'), 'old-2');
    await earn(7, 350, now, 'new');
    expect(await engine.read((tx) => pointsSummary(tx, member.id, 22, now))).toEqual({
      balance: 22,
      expiring: [{ points: 15, expiresAt: new Date('2026-12-31T16:00:00.000Z'), lastDay: '2026-12-31' }],
    });
  });

  it('show the last day they can be used, as the terms say: 12/31, not the next 1 January', () => {
    expect(lastValidDay(new Date('2026-12-31T16:00:00.000Z'))).toBe('2026-12-31');
    expect(lastValidDay(new Date('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31');
    // The months policy: valid to the end of a day in Taipei.
    expect(lastValidDay(new Date('2027-03-22T16:00:00.000Z'))).toBe('2027-03-22');
  });

  it('page the history newest first', async () => {
    for (let i = 0; i < 25; i++) await earn(1, 50, new Date(now.getTime() + i * 1000), `R-${i}`);
    const first = await engine.read((tx) => pointsHistory(tx, member.id));
    expect(first.entries).toHaveLength(20);
    expect(first.entries[0]).toMatchObject({
      kind: 'earn',
      points: 1,
      storeName: '台北信義店',
      reference: 'R-24',
    });
    const second = await engine.read((tx) => pointsHistory(tx, member.id, first.nextBefore!));
    expect(second.entries.map((e) => e.reference)).toEqual(['R-4', 'R-3', 'R-2', 'R-1', 'R-0']);
    expect(second.nextBefore).toBeNull();
  });
});

describe('the history a member reads', () => {
  // The command line, at the member's store: refunds and voids as a script would make them.
  const actor = () => ({ ...commandLine, storeId });
  let keys = 0;
  const buy = (price: number, redeemPoints = 0) =>
    recordPurchase(
      engine,
      {
        member: { id: member.id, proof: 'card' },
        price,
        redeemPoints,
        channel: 'store',
        reference: `P-${++keys}`,
        idempotencyKey: `buy-${keys}`,
        at: now,
      },
      actor(),
    );
  const refund = (purchaseId: number, amount: number, isVoid: boolean) =>
    refundPurchase(
      engine,
      { purchaseId, amount, isVoid, reason: null, idempotencyKey: `refund-${++keys}`, at: now },
      actor(),
    );

  it('names refunds and voids by what they were, and shows no row of zero points', async () => {
    await earnPoints(engine, {
      memberId: member.id,
      points: 200,
      amount: null,
      storeId: null,
      channel: 'other',
      reference: 'gift',
      idempotencyKey: 'gift',
      at: now,
    });
    const earning20 = (await buy(1_000)).purchase;
    const earningNothing = (await buy(10)).purchase;
    await refund(earningNothing.id, 0, true);
    await refund(earning20.id, 500, false);
    const paidWithPoints = (await buy(1_000, 100)).purchase;
    await refund(paidWithPoints.id, 0, true);

    const { entries } = await engine.read((tx) => pointsHistory(tx, member.id));
    expect(entries.map((e) => [e.kind, e.points, e.reference])).toEqual([
      ['void', -18, 'P-5'],
      ['void', 100, 'P-5'],
      ['earn', 18, 'P-5'],
      ['redeem', -100, 'P-5'],
      ['refund', -10, 'P-1'],
      ['earn', 20, 'P-1'],
      ['earn', 200, 'gift'],
    ]);
  });
});

describe('tier progress', () => {
  it('counts the last 12 months of spend towards the next tier', async () => {
    await earn(100, 5000, new Date('2025-10-01T00:00:00Z'), 'too-old');
    await earn(80, 4000, new Date('2026-06-01T00:00:00Z'), 'recent');
    const progress = await engine.read((tx) => tierProgress(tx, member, 'zh-TW', now));
    expect(progress).toMatchObject({
      current: { code: 'regular', name: '一般會員' },
      next: { code: 'silver', qualifyingSpend: 10000, remaining: 6000 },
      spend12Months: 4000,
    });
    expect(progress.current.benefits).toContain('生日當月禮');
    const inEnglish = await engine.read((tx) => tierProgress(tx, member, 'en', now));
    expect(inEnglish.current.benefits).toContain('A birthday gift');
  });
});
