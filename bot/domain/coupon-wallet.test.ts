import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { coupons } from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { couponFields, manyMembers } from '../testing/coupon-issuing.ts';
import { addStore } from '../testing/members.ts';
import { commandLine } from './actor.ts';
import { createTemplate } from './coupon-templates.ts';
import { stateOf, usableCouponsOf, walletOf } from './coupon-wallet.ts';
import { issueCoupon } from './coupons.ts';

const now = new Date('2026-12-01T02:00:00Z');
const day = 86_400_000;

let engine: Engine;
let member: number;
beforeEach(async () => {
  engine = await openTestEngine();
  [member] = (await manyMembers(engine, 1)) as [number];
});
afterEach(() => engine.close());

const give = async (title: string, validity: { validDays?: number; validFrom?: Date; validUntil?: Date }) => {
  const template = await createTemplate(
    engine,
    { ...couponFields({ title, claimable: false, validDays: null }), ...validity },
    commandLine,
    now,
  );
  const { coupon } = await issueCoupon(
    engine,
    { templateId: template.id, memberId: member, how: 'claim', idempotencyKey: `give-${title}`, at: now },
    commandLine,
  );
  return coupon;
};

describe('the wallet', () => {
  it('reads each coupon’s state from its row and the time', () => {
    const row = {
      status: 'issued' as const,
      validFrom: new Date(now.getTime() + day),
      validUntil: new Date(now.getTime() + 2 * day),
    };
    expect(stateOf(row, now)).toBe('not_yet');
    expect(stateOf(row, new Date(now.getTime() + day))).toBe('usable');
    expect(stateOf(row, new Date(now.getTime() + 3 * day))).toBe('expired');
    expect(stateOf({ ...row, status: 'used' }, now)).toBe('used');
    expect(stateOf({ ...row, status: 'void' }, now)).toBe('void');
  });

  it('sorts usable (soonest to expire first, not yet valid included), used and expired (newest first)', async () => {
    const store = await addStore(engine);
    const long = await give('長效', { validDays: 60 });
    const short = await give('短效', { validDays: 3 });
    const later = await give('下週起', {
      validFrom: new Date(now.getTime() + 7 * day),
      validUntil: new Date(now.getTime() + 30 * day),
    });
    const used = await give('已使用', { validDays: 10 });
    const voided = await give('作廢', { validDays: 10 });
    const lapsed = await give('將過期', {
      validFrom: new Date(now.getTime() - day),
      validUntil: new Date(now.getTime() + 1000),
    });
    await engine.write(async (tx) => {
      await tx
        .update(coupons)
        .set({ status: 'used', usedAt: now, usedStoreId: store.id, discount: 50 })
        .where(eq(coupons.id, used.id));
      await tx.update(coupons).set({ status: 'void' }).where(eq(coupons.id, voided.id));
    });
    const at = new Date(now.getTime() + 2000);
    const wallet = await engine.read((tx) => walletOf(tx, member, at));
    expect(wallet.usable.map((c) => [c.id, c.state])).toEqual([
      [short.id, 'usable'],
      [later.id, 'not_yet'],
      [long.id, 'usable'],
    ]);
    expect(wallet.used).toMatchObject([
      { id: used.id, state: 'used', usedStoreName: '台北信義店', discount: 50 },
    ]);
    expect(wallet.expired.map((c) => [c.id, c.state])).toEqual([
      [voided.id, 'void'],
      [lapsed.id, 'expired'],
    ]);
    expect((await engine.read((tx) => usableCouponsOf(tx, member, at))).map((c) => c.id)).toEqual([
      short.id,
      long.id,
    ]);
  });
});
