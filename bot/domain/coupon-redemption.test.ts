import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, coupons, couponTemplates, memberNotices, purchases } from '../../db/schema.ts';
import { addStore, importMember } from '../testing/members.ts';
import { type Counter, noon, openCounter } from '../testing/purchases.ts';
import { addStaff } from '../testing/staff.ts';
import { validateCoupon } from './counter-coupons.ts';
import { createTemplate, type TemplateFields } from './coupon-templates.ts';
import { issueCoupon } from './coupons.ts';
import { DomainError } from './errors.ts';
import { cardCode } from './member-card.ts';
import { lookUpMember } from './member-lookups.ts';
import { recordPurchase } from './purchases.ts';
import { refundPurchase } from './refunds.ts';

let counter: Counter;
let keys = 0;
beforeEach(async () => {
  counter = await openCounter();
});
afterEach(() => counter.engine.close());

const fields = (overrides: Partial<TemplateFields> = {}): TemplateFields => ({
  kind: 'amount_off',
  amountOff: 100,
  minSpend: 500,
  validDays: 30,
  channels: ['store'],
  title: '滿五百折一百',
  titleEn: 'NT$100 off NT$500',
  terms: '每次消費限用一張。',
  termsEn: 'One per purchase.',
  stackable: false,
  ...overrides,
});
const operator = { staffId: null, storeId: null, ip: null, may: 'everything' } as const;
const template = (overrides: Partial<TemplateFields> = {}) =>
  createTemplate(counter.engine, fields(overrides), operator, noon);
/** One coupon of the template, issued at noon to the counter's member unless another is named. */
const give = async (templateId: number, memberId = counter.member.id, at = noon) =>
  (
    await issueCoupon(
      counter.engine,
      { templateId, memberId, how: 'claim', idempotencyKey: `give-${++keys}`, at },
      operator,
    )
  ).coupon;
const codeOf = (work: Promise<unknown>) =>
  work.then(
    () => 'DONE',
    (error) => (error instanceof DomainError ? error.code : String(error)),
  );
const templateRow = async (id: number) =>
  (
    await counter.engine.read((tx) => tx.select().from(couponTemplates).where(eq(couponTemplates.id, id)))
  )[0]!;
const couponRow = async (id: number) =>
  (await counter.engine.read((tx) => tx.select().from(coupons).where(eq(coupons.id, id))))[0]!;
const refund = (purchaseId: number, amount: number, isVoid: boolean, at = noon) =>
  refundPurchase(
    counter.engine,
    { purchaseId, amount, isVoid, reason: null, idempotencyKey: `refund-${++keys}`, at },
    counter.actor,
  );

describe('a coupon at the counter', () => {
  it('comes off the price before points; points pay at most half of what is left; points are earned on what was paid', async () => {
    await counter.buy(10_000); // 200 points, and silver (1.2x)
    const coupon = await give((await template()).id);
    expect(await codeOf(counter.buy(300, { couponCodes: [coupon.code], redeemPoints: 100 }))).toBe(
      'COUPON_MIN_SPEND',
    );
    expect(await codeOf(counter.buy(600, { couponCodes: [coupon.code], redeemPoints: 251 }))).toBe(
      'REDEEM_OVER_LIMIT',
    );
    const { purchase, coupons: used } = await counter.buy(600, {
      couponCodes: [coupon.code.toLowerCase()],
      redeemPoints: 150,
    });
    // NT$600 - NT$100 coupon = NT$500; 150 points = NT$150 (at most half of 500); NT$350 paid earns 8 at 1.2x.
    expect(purchase).toMatchObject({ couponDiscount: 100, discount: 150, amount: 350, pointsEarned: 8 });
    expect(used).toEqual([
      { code: coupon.code, title: '滿五百折一百', titleEn: 'NT$100 off NT$500', discount: 100 },
    ]);
    expect(await couponRow(coupon.id)).toMatchObject({
      status: 'used',
      usedAt: noon,
      purchaseId: purchase.id,
      usedStoreId: counter.actor.storeId,
      discount: 100,
    });
    expect((await templateRow(coupon.templateId)).discountGiven).toBe(100);
    const notices = await counter.engine.read((tx) =>
      tx.select().from(memberNotices).where(eq(memberNotices.kind, 'points_redeemed')),
    );
    expect(notices[0]!.data).toMatchObject({
      paid: 350,
      coupons: [{ title: '滿五百折一百', titleEn: 'NT$100 off NT$500' }],
      couponDiscount: 100,
    });
    const [audit] = await counter.engine.read((tx) =>
      tx
        .select()
        .from(auditLog)
        .where(eq(auditLog.subjectId, String(purchase.id))),
    );
    expect(audit!.after).toMatchObject({
      couponDiscount: 100,
      coupons: [{ id: coupon.id, code: coupon.code, discount: 100 }],
    });
  });

  it('takes a percentage rounded down up to its most, a fixed amount never past the price, nothing for a gift', async () => {
    const percent = await template({ kind: 'percent_off', percentOff: 15, maxDiscount: 200, minSpend: 0 });
    const big = await template({ amountOff: 5_000, minSpend: 0 });
    const gift = await template({
      kind: 'gift',
      giftName: '小杯美式',
      giftNameEn: 'Small americano',
      minSpend: 0,
    });
    const bought = async (price: number, templateId: number) =>
      (await counter.buy(price, { couponCodes: [(await give(templateId)).code] })).purchase;
    expect(await bought(999, percent.id)).toMatchObject({ couponDiscount: 149, amount: 850 });
    expect(await bought(9_999, percent.id)).toMatchObject({ couponDiscount: 200, amount: 9_799 });
    expect(await bought(1_200, big.id)).toMatchObject({ couponDiscount: 1_200, amount: 0, pointsEarned: 0 });
    expect(await bought(1_000, gift.id)).toMatchObject({
      couponDiscount: 0,
      amount: 1_000,
      pointsEarned: 24, // silver since the NT$9,799 paid: 1.2x
    });
  });

  it('says exactly why it cannot be used, in the order of the rules, and changes nothing', async () => {
    const plain = await template();
    const otherStore = (await addStore(counter.engine, 'TXG01', '台中公益店')).id;
    const neighbour = (await importMember(counter.engine, '0922000111', '1980-01-01')).id;
    const later = new Date(noon.getTime() + 3 * 86_400_000);
    const reason = async (code: string, price = 1_000, at = noon) =>
      codeOf(counter.buy(price, { couponCodes: [code], at }));

    expect(await reason('NOSUCHCODE')).toBe('COUPON_NOT_FOUND');
    expect(await reason((await give(plain.id, neighbour)).code)).toBe('COUPON_OTHER_MEMBER');
    const voided = await give(plain.id);
    await counter.engine.write((tx) =>
      tx.update(coupons).set({ status: 'void' }).where(eq(coupons.id, voided.id)),
    );
    expect(await reason(voided.code)).toBe('COUPON_VOID');
    const used = await give(plain.id);
    await counter.buy(1_000, { couponCodes: [used.code] });
    expect(await reason(used.code)).toBe('COUPON_USED');
    const short = await template({
      validDays: null,
      validFrom: noon,
      validUntil: new Date(noon.getTime() + 3600_000),
    });
    expect(await reason((await give(short.id)).code, 1_000, later)).toBe('COUPON_EXPIRED');
    const future = await template({
      validDays: null,
      validFrom: later,
      validUntil: new Date(later.getTime() + 86_400_000),
    });
    expect(await reason((await give(future.id)).code)).toBe('COUPON_NOT_YET_VALID');
    expect(await reason((await give((await template({ storeIds: [otherStore] })).id)).code)).toBe(
      'COUPON_WRONG_STORE',
    );
    expect(await reason((await give((await template({ channels: ['online'] })).id)).code)).toBe(
      'COUPON_WRONG_CHANNEL',
    );
    const minSpend = counter.buy(300, { couponCodes: [(await give(plain.id)).code] });
    await expect(minSpend).rejects.toThrow('未達最低消費 NT$500，本次消費 NT$300');
    const budget = await template({ discountBudget: 150 });
    await counter.buy(1_000, { couponCodes: [(await give(budget.id)).code] });
    expect(await reason((await give(budget.id)).code)).toBe('COUPON_OVER_BUDGET');
    const stackable = await template({ stackable: true, amountOff: 50 });
    const pair = [(await give(stackable.id)).code, (await give(plain.id)).code];
    expect(await codeOf(counter.buy(1_000, { couponCodes: pair }))).toBe('COUPON_NOT_STACKABLE');
    // Nothing refused was used, and no refused purchase was stored.
    expect((await counter.engine.read((tx) => tx.select().from(purchases))).length).toBe(2);
    expect((await templateRow(plain.id)).discountGiven).toBe(100);
  });

  it('stacks coupons marked stackable, each on what the ones before left', async () => {
    const half = await template({
      kind: 'percent_off',
      percentOff: 50,
      maxDiscount: 1_000,
      stackable: true,
      minSpend: 0,
    });
    const hundred = await template({ stackable: true, minSpend: 0 });
    const codes = [(await give(hundred.id)).code, (await give(half.id)).code];
    const { purchase, coupons: used } = await counter.buy(500, { couponCodes: codes });
    expect(used.map((c) => c.discount)).toEqual([100, 200]);
    expect(purchase).toMatchObject({ couponDiscount: 300, amount: 200 });
    expect(await codeOf(counter.buy(500, { couponCodes: ['ABCDEFGH', 'abcdefgh'] }))).toBe('INVALID_FIELDS');
  });

  it('needs the card or a manager’s approval, as points do', async () => {
    const code = (await give((await template()).id)).code;
    const byPhone = { id: counter.member.id, proof: 'phone' as const };
    expect(await codeOf(counter.buy(1_000, { member: byPhone, couponCodes: [code] }))).toBe(
      'COUPON_NEEDS_CARD',
    );
    expect((await counter.buy(1_000, { member: byPhone })).purchase.couponDiscount).toBe(0);
    const approved = { id: counter.member.id, proof: 'manager_approved' as const };
    expect(
      (await counter.buy(1_000, { member: approved, couponCodes: [code] })).purchase.couponDiscount,
    ).toBe(100);
  });

  it('replays the first purchase for the same key and coupons; other coupons under the key are refused', async () => {
    const plain = await template();
    const [a, b] = [(await give(plain.id)).code, (await give(plain.id)).code];
    const first = await counter.buy(1_000, { idempotencyKey: 'same', reference: 'R-1', couponCodes: [a] });
    const again = await counter.buy(1_000, { idempotencyKey: 'same', reference: 'R-1', couponCodes: [a] });
    expect(again).toMatchObject({ replayed: true, purchase: first.purchase, coupons: first.coupons });
    for (const other of [[b], [], [a, b]]) {
      expect(
        await codeOf(counter.buy(1_000, { idempotencyKey: 'same', reference: 'R-1', couponCodes: other })),
      ).toBe('IDEMPOTENCY_CONFLICT');
    }
    expect(
      (
        await couponRow(
          (
            await counter.engine.read((tx) => tx.select().from(coupons).where(eq(coupons.code, b)))
          )[0]!.id,
        )
      ).status,
    ).toBe('issued');
  });
});

describe('validating a code', () => {
  it('says what it takes off or exactly why not, in zh-TW, changing nothing', async () => {
    const clerk = { staffId: 0, storeId: counter.actor.storeId! };
    const code = (await give((await template()).id)).code;
    const ask = (price: number, channel: 'store' | 'online' = 'store') =>
      validateCoupon(counter.engine, { code: ` ${code.toLowerCase()} `, price, channel }, clerk, noon);
    expect(await ask(800)).toMatchObject({ usable: true, discount: 100, coupon: { code, minSpend: 500 } });
    expect(await ask(300)).toEqual({
      usable: false,
      reason: 'COUPON_MIN_SPEND',
      message: '未達最低消費 NT$500，本次消費 NT$300',
    });
    expect(await ask(800, 'online')).toMatchObject({ usable: false, reason: 'COUPON_WRONG_CHANNEL' });
    expect(
      (await couponRow((await counter.engine.read((tx) => tx.select().from(coupons)))[0]!.id)).status,
    ).toBe('issued');
  });
});

describe('voids and refunds', () => {
  it('a void gives the coupon back while it is valid, and the template its budget', async () => {
    const coupon = await give((await template({ discountBudget: 100 })).id);
    const { purchase } = await counter.buy(1_000, { couponCodes: [coupon.code] });
    await refund(purchase.id, 0, true);
    expect(await couponRow(coupon.id)).toMatchObject({
      status: 'issued',
      usedAt: null,
      purchaseId: null,
      usedStoreId: null,
      discount: null,
    });
    expect((await templateRow(coupon.templateId)).discountGiven).toBe(0);
    // Within the budget again: it can be used once more.
    expect((await counter.buy(1_000, { couponCodes: [coupon.code] })).purchase.couponDiscount).toBe(100);
  });

  it('a void after the coupon’s last moment marks it expired', async () => {
    const until = new Date(noon.getTime() + 3600_000);
    const coupon = await give((await template({ validDays: null, validFrom: noon, validUntil: until })).id);
    const { purchase } = await counter.buy(1_000, { couponCodes: [coupon.code] });
    await refund(purchase.id, 0, true, new Date(until.getTime() + 60_000));
    expect(await couponRow(coupon.id)).toMatchObject({ status: 'expired', purchaseId: null });
    expect((await templateRow(coupon.templateId)).discountGiven).toBe(0);
  });

  it('a void of a purchase the coupon paid in full gives it back', async () => {
    const coupon = await give((await template({ amountOff: 2_000, minSpend: 0 })).id);
    const { purchase } = await counter.buy(1_500, { couponCodes: [coupon.code] });
    expect(purchase.amount).toBe(0);
    expect((await refund(purchase.id, 0, true)).purchase.status).toBe('voided');
    expect((await couponRow(coupon.id)).status).toBe('issued');
  });

  it('a partial refund keeps the coupon used and its points in proportion to what was paid; the whole refunded gives it back', async () => {
    const coupon = await give((await template()).id);
    const { purchase } = await counter.buy(1_100, { couponCodes: [coupon.code] }); // NT$1,000 paid: 20 points
    await refund(purchase.id, 500, false);
    expect(await counter.balance()).toBe(10);
    expect(await couponRow(coupon.id)).toMatchObject({ status: 'used', purchaseId: purchase.id });
    expect((await templateRow(coupon.templateId)).discountGiven).toBe(100);
    expect((await refund(purchase.id, 500, false)).purchase.status).toBe('refunded');
    expect(await counter.balance()).toBe(0);
    expect((await couponRow(coupon.id)).status).toBe('issued');
    expect((await templateRow(coupon.templateId)).discountGiven).toBe(0);
    // The key of the first purchase still replays it, its coupon given back.
    const replay = await counter.buy(1_100, {
      idempotencyKey: `key-${counter.keys}`,
      reference: purchase.reference,
      couponCodes: [coupon.code],
    });
    expect(replay).toMatchObject({ replayed: true, coupons: [] });
  });
});

describe('many at once', () => {
  it('200 checkouts of one coupon, with the same key or with their own lookups, use it exactly once', async () => {
    const amy = await addStaff(counter.engine, 'amy', 'clerk', [counter.actor.storeId!]);
    counter.actor = { ...counter.actor, staffId: amy.id };
    const clerk = { staffId: amy.id, storeId: counter.actor.storeId! };
    const plain = await template({ minSpend: 0 });
    const pay = (lookupToken: string, code: string, idempotencyKey: string) =>
      recordPurchase(
        counter.engine,
        {
          member: { lookupToken },
          price: 1_000,
          redeemPoints: 0,
          couponCodes: [code],
          channel: 'store',
          reference: 'R-RACE',
          idempotencyKey,
          at: noon,
        },
        counter.actor,
      );
    const lookUp = async () =>
      (await lookUpMember(counter.engine, { code: cardCode(counter.member, noon) }, clerk, noon)).lookup
        .token;

    const same = (await give(plain.id)).code;
    const token = await lookUp();
    const answers = await Promise.all(Array.from({ length: 200 }, () => pay(token, same, 'race-same')));
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.purchase.id)).size).toBe(1);

    const once = (await give(plain.id)).code;
    const tokens: string[] = [];
    for (let i = 0; i < 200; i++) tokens.push(await lookUp());
    const outcomes = await Promise.all(tokens.map((t, i) => codeOf(pay(t, once, `race-${i}`))));
    expect(outcomes.filter((o) => o === 'DONE')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'COUPON_USED')).toHaveLength(199);
    expect((await templateRow(plain.id)).discountGiven).toBe(200);
    const withCoupon = await counter.engine.read((tx) =>
      tx.select().from(purchases).where(eq(purchases.couponDiscount, 100)),
    );
    expect(withCoupon).toHaveLength(2);
  });

  it('a budget for 10 holds when 50 members use their coupons at once', async () => {
    const budgeted = await template({ discountBudget: 1_000, minSpend: 0 });
    const holders: { memberId: number; code: string }[] = [];
    for (let i = 0; i < 50; i++) {
      const memberId = (await importMember(counter.engine, `09${String(30_000_000 + i)}`, '1980-01-01')).id;
      holders.push({ memberId, code: (await give(budgeted.id, memberId)).code });
    }
    const outcomes = await Promise.all(
      holders.map(({ memberId, code }, i) =>
        codeOf(
          recordPurchase(
            counter.engine,
            {
              member: { id: memberId, proof: 'card' },
              price: 1_000,
              redeemPoints: 0,
              couponCodes: [code],
              channel: 'store',
              reference: `B-${i}`,
              idempotencyKey: `budget-${i}`,
              at: noon,
            },
            counter.actor,
          ),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'DONE')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'COUPON_OVER_BUDGET')).toHaveLength(40);
    expect((await templateRow(budgeted.id)).discountGiven).toBe(1_000);
  });
});
