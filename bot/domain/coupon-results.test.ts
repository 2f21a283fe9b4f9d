import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { couponDraws, coupons } from '../../db/schema.ts';
import { addStore } from '../testing/members.ts';
import { type Counter, noon, openCounter } from '../testing/purchases.ts';
import type { Actor } from './actor.ts';
import { templateResults } from './coupon-results.ts';
import { createTemplate, updateTemplate } from './coupon-templates.ts';
import { type Coupon, type IssueHow, issueCoupon } from './coupons.ts';
import { DomainError } from './errors.ts';
import { recordPurchase } from './purchases.ts';
import { refundPurchase } from './refunds.ts';

let counter: Counter;
beforeEach(async () => {
  counter = await openCounter();
});
afterEach(() => counter.engine.close());

const later = new Date(noon.getTime() + 3 * 86_400_000);
let keys = 0;

async function newTemplate() {
  return createTemplate(
    counter.engine,
    {
      kind: 'amount_off',
      amountOff: 100,
      minSpend: 500,
      validDays: 30,
      discountBudget: 5000,
      channels: ['store', 'online'],
      title: '滿五百折一百',
      titleEn: 'NT$100 off NT$500',
      terms: '每次消費限用一張。',
      termsEn: 'One per purchase.',
      stackable: true,
    },
    counter.actor,
    noon,
  );
}

const issue = async (templateId: number, how: IssueHow) =>
  (
    await issueCoupon(
      counter.engine,
      { templateId, memberId: counter.member.id, how, idempotencyKey: `issue-${++keys}`, at: noon },
      counter.actor,
    )
  ).coupon;

/** A purchase at the counter (or online, with no store) of `price` before the coupons, using `used`. */
const useOn = async (
  price: number,
  used: Coupon[],
  actor: Actor = counter.actor,
  channel: 'store' | 'online' = 'store',
) =>
  (
    await recordPurchase(
      counter.engine,
      {
        member: { id: counter.member.id, proof: 'card' },
        price,
        couponCodes: used.map((coupon) => coupon.code),
        redeemPoints: 0,
        channel,
        reference: `R-${++keys}`,
        idempotencyKey: `buy-${keys}`,
        at: later,
      },
      actor,
    )
  ).purchase;

const setStatus = (coupon: Coupon, change: Partial<Coupon>) =>
  counter.engine.write((tx) => tx.update(coupons).set(change).where(eq(coupons.id, coupon.id)));

describe("a coupon template's results", () => {
  it('counts issued by way in, used, expired, void, the discount and the sales by store, a voided purchase not', async () => {
    const template = await newTemplate();
    const nanxi = (await addStore(counter.engine, 'TPE02', '台北南西店')).id;
    const issued: Coupon[] = [];
    for (const how of ['staff', 'staff', 'claim', 'claim', 'lottery', 'points', 'join', 'birthday'] as const)
      issued.push(await issue(template.id, how));
    // The second staff coupon ends issued and good: the purchase that used it is voided.
    const [staff1, staff2, claim1, claim2, lottery, points, join, birthday] = issued;
    await counter.engine.write(async (tx) => {
      await tx.insert(couponDraws).values([
        {
          templateId: template.id,
          memberId: counter.member.id,
          won: true,
          couponId: lottery!.id,
          drawnAt: noon,
        },
      ]);
    });
    // Two coupons on one purchase of NT$1,000 at 信義 (its sales count once), one at 南西 refunded in part.
    await useOn(1000, [staff1!, claim1!]);
    const atNanxi = await useOn(700, [claim2!], { ...counter.actor, storeId: nanxi });
    await refundPurchase(
      counter.engine,
      {
        purchaseId: atNanxi.id,
        amount: 100,
        isVoid: false,
        reason: null,
        idempotencyKey: 'refund-1',
        at: later,
      },
      { ...counter.actor, storeId: nanxi },
    );
    const voided = await useOn(600, [staff2!]);
    await refundPurchase(
      counter.engine,
      { purchaseId: voided.id, amount: 500, isVoid: true, reason: null, idempotencyKey: 'void-1', at: later },
      counter.actor,
    );
    // Online: a purchase of no store.
    await useOn(800, [lottery!], { ...counter.actor, storeId: null }, 'online');
    await setStatus(points!, { status: 'void' });
    await setStatus(join!, { status: 'expired' });
    // Issued but past its last moment: expired before the daily job marks it.
    await setStatus(birthday!, { validUntil: new Date(later.getTime() - 1) });

    const results = await templateResults(counter.engine, template.id, counter.actor, later);
    expect(results).toEqual({
      templateId: template.id,
      issued: 8,
      claimed: 6,
      byHow: { staff: 2, claim: 2, lottery: 1, points: 1, join: 1, tier: 0, birthday: 1 },
      draws: 1,
      unused: 1,
      used: 4,
      expired: 2,
      void: 1,
      discountGiven: 400,
      budget: 5000,
      budgetLeft: 4600,
      versions: [template.id],
      byStore: [
        { storeId: counter.actor.storeId, storeName: '台北信義店', used: 2, discount: 200, sales: 800 },
        { storeId: null, storeName: null, used: 1, discount: 100, sales: 700 },
        { storeId: nanxi, storeName: '台北南西店', used: 1, discount: 100, sales: 500 },
      ],
    });
  });

  it('answers a template with nothing issued in zeros, and a missing one as not found', async () => {
    const template = await newTemplate();
    expect(await templateResults(counter.engine, template.id, counter.actor, later)).toMatchObject({
      issued: 0,
      claimed: 0,
      unused: 0,
      expired: 0,
      discountGiven: 0,
      byStore: [],
    });
    await expect(
      templateResults(counter.engine, template.id + 1, counter.actor, later),
    ).rejects.toMatchObject({
      code: 'COUPON_TEMPLATE_NOT_FOUND',
    });
  });

  it('counts the versions a template was copied from when asked, its budget left its own', async () => {
    const first = await newTemplate();
    const used = await issue(first.id, 'claim');
    await useOn(1000, [used]);
    // A change of meaning after issuing makes a copy (ADR 26); the copy issues and takes its own discount.
    const copy = await updateTemplate(counter.engine, first.id, { amountOff: 150 }, counter.actor, later);
    expect(copy.previousId).toBe(first.id);
    const again = await issue(copy.id, 'claim');
    await useOn(1000, [again]);

    const own = await templateResults(counter.engine, copy.id, counter.actor, later);
    expect(own).toMatchObject({
      issued: 1,
      used: 1,
      discountGiven: 150,
      budgetLeft: 4850,
      versions: [copy.id],
    });
    const all = await templateResults(counter.engine, copy.id, counter.actor, later, { withEarlier: true });
    expect(all).toMatchObject({
      issued: 2,
      claimed: 2,
      used: 2,
      discountGiven: 250,
      budget: 5000,
      budgetLeft: 4850,
      versions: [copy.id, first.id],
      byStore: [{ storeName: '台北信義店', used: 2, discount: 250, sales: 1750 }],
    });
  });

  it('is read by store managers and marketers, not by clerks', async () => {
    const template = await newTemplate();
    const role = (r: 'clerk' | 'store_manager' | 'marketer'): Actor => ({
      staffId: null,
      storeId: null,
      ip: null,
      may: { role: r, storeIds: 'all' },
    });
    await expect(
      templateResults(counter.engine, template.id, role('marketer'), later),
    ).resolves.toBeDefined();
    await expect(
      templateResults(counter.engine, template.id, role('store_manager'), later),
    ).resolves.toBeDefined();
    const refused = await templateResults(counter.engine, template.id, role('clerk'), later).catch((e) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused.code).toBe('FORBIDDEN');
  });
});
