import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { coupons } from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { importMember } from '../testing/members.ts';
import { commandLine } from './actor.ts';
import { expireDueCoupons } from './coupon-expiry.ts';
import { createTemplate } from './coupon-templates.ts';
import { issueCoupon } from './coupons.ts';

const now = new Date('2026-12-10T02:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

let engine: Engine;
beforeEach(async () => {
  engine = await openTestEngine();
});
afterEach(() => engine.close());

it('marks issued coupons past their last day expired, leaves the valid and the used, and finds nothing the second time', async () => {
  const template = await createTemplate(
    engine,
    {
      ...{ kind: 'amount_off', amountOff: 50, minSpend: 0, validDays: 2, channels: ['store'] },
      ...{ title: '折五十', titleEn: 'NT$50 off', terms: '限用一次。', termsEn: 'Once.', stackable: false },
    },
    commandLine,
    daysAgo(30),
  );
  const member = await importMember(engine, '0912345678', '1980-01-01');
  const issue = async (key: string, at: Date) =>
    (
      await issueCoupon(
        engine,
        { templateId: template.id, memberId: member.id, how: 'claim', idempotencyKey: key, at },
        commandLine,
      )
    ).coupon;
  const old = await issue('old', daysAgo(10)); // good through 3 days after issue: long past
  const usedOld = await issue('used-old', daysAgo(10));
  const fresh = await issue('fresh', daysAgo(1)); // good through tomorrow, Taipei
  await engine.write((tx) =>
    tx
      .update(coupons)
      .set({ status: 'used', usedAt: daysAgo(9) })
      .where(eq(coupons.id, usedOld.id)),
  );

  expect(await expireDueCoupons(engine, now)).toBe(1);
  expect(await expireDueCoupons(engine, now)).toBe(0);
  const status = async (id: number) =>
    (await engine.read((tx) => tx.select().from(coupons).where(eq(coupons.id, id))))[0]!.status;
  expect(await status(old.id)).toBe('expired');
  expect(await status(usedOld.id)).toBe('used');
  expect(await status(fresh.id)).toBe('issued');
});
