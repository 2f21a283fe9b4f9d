import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { addStore, joinForm } from '../testing/members.ts';
import { addStaff } from '../testing/staff.ts';
import type { Actor } from './actor.ts';
import { joinMembership } from './members.ts';
import { recordPurchase } from './purchases.ts';
import { refundPurchase } from './refunds.ts';

let engine: Engine;
let storeId: number;
let memberId: number;
const now = new Date();
const ids: Record<string, number> = {};

beforeEach(async () => {
  engine = await openTestEngine();
  storeId = (await addStore(engine)).id;
  const other = (await addStore(engine, 'TXG01', '台中公益店')).id;
  memberId = (await joinMembership(engine, `U${'d'.repeat(32)}`, joinForm(storeId), now)).id;
  for (const [username, role, stores] of [
    ['amy', 'clerk', [storeId]],
    ['mia', 'store_manager', [storeId]],
    ['tom', 'store_manager', [other]],
    ['kim', 'marketer', []],
  ] as const) {
    ids[username] = (await addStaff(engine, username, role, [...stores])).id;
  }
});
afterEach(() => engine.close());

/** A staff member at the store, as their session makes them an actor. */
const as = (username: string, role: 'clerk' | 'store_manager' | 'marketer'): Actor => ({
  staffId: ids[username]!,
  storeId,
  ip: null,
  may: { role, storeIds: role === 'marketer' ? 'all' : [storeId] },
});
let keys = 0;
const buy = (actor: Actor, redeemPoints = 0) =>
  recordPurchase(
    engine,
    {
      member: { id: memberId, proof: 'card' },
      price: 1_000,
      redeemPoints,
      channel: 'store',
      reference: `R-${++keys}`,
      idempotencyKey: `k-${keys}`,
      at: now,
    },
    actor,
  );
const voidAs = (actor: Actor, purchaseId: number, approvedBy?: number) =>
  refundPurchase(
    engine,
    { purchaseId, amount: 0, isVoid: true, reason: null, idempotencyKey: `v-${++keys}`, at: now, approvedBy },
    actor,
  );

describe('the counter’s own rules, asked by the domain without a route', () => {
  it('refuses a purchase to a role that may not record one', async () => {
    await expect(buy(as('kim', 'marketer'))).rejects.toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect((await buy(as('amy', 'clerk'))).replayed).toBe(false);
  });

  it('lets a clerk void only with the approval of a store manager of the purchase’s store', async () => {
    const { purchase } = await buy(as('amy', 'clerk'));
    const clerk = as('amy', 'clerk');
    const forbidden = expect.objectContaining({ code: 'FORBIDDEN' });
    await expect(voidAs(clerk, purchase.id)).rejects.toThrow(forbidden);
    await expect(voidAs(clerk, purchase.id, ids.amy)).rejects.toThrow(forbidden);
    await expect(voidAs(clerk, purchase.id, ids.tom)).rejects.toThrow(forbidden);
    expect((await voidAs(clerk, purchase.id, ids.mia)).purchase.status).toBe('voided');
  });
});
