import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { auditLog, members, pointLots, pointsLedger } from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { manyMembers, outcomeOf } from '../testing/coupon-issuing.ts';
import { addStore } from '../testing/members.ts';
import type { Actor } from './actor.ts';
import { adjustPoints } from './points-adjustment.ts';
import { earnPoints } from './points-earning.ts';

const now = new Date('2026-12-01T02:00:00Z');
let engine: Engine;
let member: number;
let store: number;
let otherStore: number;
const admin: Actor = { staffId: null, storeId: null, ip: null, may: { role: 'admin', storeIds: 'all' } };
const managerOf = (storeId: number): Actor => ({
  staffId: null,
  storeId,
  ip: '127.0.0.1',
  may: { role: 'store_manager', storeIds: [storeId] },
});

beforeEach(async () => {
  engine = await openTestEngine();
  store = (await addStore(engine)).id;
  otherStore = (await addStore(engine, 'TPE02', '台北大安店')).id;
  [member] = (await manyMembers(engine, 1)) as [number];
  await engine.write((tx) => tx.update(members).set({ homeStoreId: store }).where(eq(members.id, member)));
});
afterEach(() => engine.close());

const adjust = (points: number, actor: Actor = managerOf(store), requestId = randomUUID(), at = now) =>
  adjustPoints(engine, { memberId: member, points, reason: '補登漏掉的消費', requestId, at }, actor);
const earn = (points: number, key: string, at = now) =>
  earnPoints(engine, {
    ...{ memberId: member, points, amount: null, storeId: null, channel: 'other' },
    ...{ reference: null, idempotencyKey: key, at },
  });

/** The member's balance, the sum of their ledger and what their lots hold: always the same. */
const books = () =>
  engine.read(async (tx) => {
    const [row] = await tx.select().from(members).where(eq(members.id, member));
    const sum = async (column: typeof pointsLedger.points | typeof pointLots.remaining, table: 'l' | 'p') => {
      const from = table === 'l' ? pointsLedger : pointLots;
      const [r] = await tx
        .select({ sum: sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number) })
        .from(from)
        .where(eq(from.memberId, member));
      return r!.sum;
    };
    return {
      balance: row!.pointsBalance,
      ledger: await sum(pointsLedger.points, 'l'),
      lots: await sum(pointLots.remaining, 'p'),
    };
  });

describe('a points adjustment', () => {
  it('gives points as a lot that expires as the policy says, with the reason in the ledger and the audit', async () => {
    const outcome = await adjust(120);
    expect(outcome).toMatchObject({ balance: 120, replayed: false });
    expect(outcome.entry).toMatchObject({
      kind: 'adjust',
      points: 120,
      note: '補登漏掉的消費',
      storeId: store,
    });
    const [lot] = await engine.read((tx) =>
      tx.select().from(pointLots).where(eq(pointLots.memberId, member)),
    );
    // The default policy: the end of next year, in Taipei.
    expect(lot).toMatchObject({ points: 120, remaining: 120, expiresAt: new Date('2027-12-31T16:00:00Z') });
    const [audit] = await engine.read((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, 'points.adjust')),
    );
    expect(audit).toMatchObject({ subjectType: 'member', subjectId: String(member), storeId: store });
    expect(audit!.after).toEqual({ points: 120, reason: '補登漏掉的消費', balance: 120 });
  });

  it('takes points from the lots soonest to expire first, and never below zero', async () => {
    await earn(50, 'old', new Date('2025-06-01T02:00:00Z'));
    await earn(80, 'new');
    expect((await adjust(-70)).balance).toBe(60);
    const lots = await engine.read((tx) =>
      tx.select().from(pointLots).where(eq(pointLots.memberId, member)).orderBy(asc(pointLots.id)),
    );
    expect(lots.map((l) => l.remaining)).toEqual([0, 60]);
    expect(await outcomeOf(adjust(-61))).toBe('POINTS_INSUFFICIENT');
    expect(await books()).toEqual({ balance: 60, ledger: 60, lots: 60 });
    expect((await adjust(-60)).balance).toBe(0);
  });

  it('does not take points that have come to their expiry: they expire first', async () => {
    await earn(100, 'expiring', new Date('2024-06-01T02:00:00Z'));
    expect(await outcomeOf(adjust(-10))).toBe('POINTS_INSUFFICIENT');
    expect(await books()).toEqual({ balance: 100, ledger: 100, lots: 100 });
  });

  it('answers a repeated request with the first result, and refuses its key for another adjustment', async () => {
    const requestId = randomUUID();
    await adjust(40, managerOf(store), requestId);
    const again = await adjust(40, managerOf(store), requestId);
    expect(again).toMatchObject({ balance: 40, replayed: true });
    expect(await outcomeOf(adjust(41, managerOf(store), requestId))).toBe('IDEMPOTENCY_CONFLICT');
    expect(await books()).toEqual({ balance: 40, ledger: 40, lots: 40 });
  });

  it('lets a store manager adjust only their stores’ members; a member of no store is the admins’', async () => {
    expect(await outcomeOf(adjust(10, managerOf(otherStore)))).toBe('FORBIDDEN');
    const clerk: Actor = { ...managerOf(store), may: { role: 'clerk', storeIds: [store] } };
    expect(await outcomeOf(adjust(10, clerk))).toBe('FORBIDDEN');
    await engine.write((tx) => tx.update(members).set({ homeStoreId: null }).where(eq(members.id, member)));
    expect(await outcomeOf(adjust(10))).toBe('FORBIDDEN');
    expect(await outcomeOf(adjust(10, admin))).toBe('DONE');
    expect(await books()).toEqual({ balance: 10, ledger: 10, lots: 10 });
  });

  it('refuses a wrong field by name and writes nothing', async () => {
    const bad = adjustPoints(
      engine,
      { memberId: member, points: 0, reason: '  ', requestId: 'not-a-uuid', at: now },
      admin,
    );
    await expect(bad).rejects.toMatchObject({
      code: 'INVALID_FIELDS',
      details: {
        fields: { points: 'POINTS_INVALID', reason: 'REASON_INVALID', requestId: 'REQUEST_ID_INVALID' },
      },
    });
    expect(
      await outcomeOf(
        adjustPoints(
          engine,
          { memberId: 999_999, points: 1, reason: 'x', requestId: randomUUID(), at: now },
          admin,
        ),
      ),
    ).toBe('MEMBER_NOT_FOUND');
    expect(await books()).toEqual({ balance: 0, ledger: 0, lots: 0 });
  });

  it('keeps balance = ledger = lots when many adjust at once, and applies one request once', async () => {
    await earn(100, 'start');
    const takes = await Promise.all(Array.from({ length: 10 }, () => outcomeOf(adjust(-30))));
    expect(takes.filter((o) => o === 'DONE')).toHaveLength(3);
    expect(takes.filter((o) => o === 'POINTS_INSUFFICIENT')).toHaveLength(7);
    const requestId = randomUUID();
    const same = await Promise.all(Array.from({ length: 5 }, () => adjust(25, managerOf(store), requestId)));
    expect(same.filter((o) => !o.replayed)).toHaveLength(1);
    expect(new Set(same.map((o) => o.balance))).toEqual(new Set([35]));
    expect(await books()).toEqual({ balance: 35, ledger: 35, lots: 35 });
  });
});
