import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coupons } from '../../../db/schema.ts';
import { commandLine } from '../../domain/actor.ts';
import { createTemplate, type TemplateFields } from '../../domain/coupon-templates.ts';
import { issueCoupon } from '../../domain/coupons.ts';
import { cardCode } from '../../domain/member-card.ts';
import { joinMembership, type Member } from '../../domain/members.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore, importMember, joinForm } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

let product: Product;
let tpe: number;
let txg: number;
let member: Member;
let keys = 0;

beforeEach(async () => {
  product = await startProduct();
  tpe = (await addStore(product.engine, 'TPE01', '台北信義店')).id;
  txg = (await addStore(product.engine, 'TXG01', '台中公益店')).id;
  await addStaff(product.engine, 'amy', 'clerk', [tpe]);
  await addStaff(product.engine, 'max', 'marketer');
  const shopper = product.line.shoppers.create({ displayName: '王小明', language: 'zh-TW' }).userId;
  await product.line.shoppers.follow(shopper);
  await product.app.events.idle();
  member = await joinMembership(product.engine, shopper, joinForm(tpe), new Date());
});
afterEach(() => product.close());

type Client = Awaited<ReturnType<typeof signedIn>>;
const template = (overrides: Partial<TemplateFields> = {}) =>
  createTemplate(
    product.engine,
    {
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
    },
    commandLine,
    new Date(),
  );
const give = async (templateId: number, memberId = member.id, at = new Date()) =>
  (
    await issueCoupon(
      product.engine,
      { templateId, memberId, how: 'claim', idempotencyKey: `give-${++keys}`, at },
      commandLine,
    )
  ).coupon;
const lookUp = async (who: Client, by: object = { code: cardCode(member, new Date()) }) =>
  (await who.send('POST', '/api/staff/members/lookup', by)).json();
const validate = (who: Client, body: object) => who.send('POST', '/api/staff/coupons/validate', body);

describe('coupons at the counter', () => {
  it('lists with the member the coupons usable now at this store in the store, soonest expiry first', async () => {
    const amy = await signedIn(product.app, 'amy');
    const month = await give((await template()).id);
    const week = await give((await template({ validDays: 7, title: '一週內使用' })).id);
    await give((await template({ storeIds: [txg] })).id);
    await give((await template({ channels: ['online'] })).id);
    const later = new Date(Date.now() + 5 * 86_400_000);
    const notYet = await template({
      validDays: null,
      validFrom: later,
      validUntil: new Date(later.getTime() + 1e8),
    });
    await give(notYet.id);
    const found = await lookUp(amy);
    expect(found.coupons.map((c: { code: string }) => c.code)).toEqual([week.code, month.code]);
    expect(found.coupons[1]).toEqual({
      id: month.id,
      code: month.code,
      title: '滿五百折一百',
      titleEn: 'NT$100 off NT$500',
      kind: 'amount_off',
      amountOff: 100,
      percentOff: null,
      maxDiscount: null,
      giftName: null,
      minSpend: 500,
      stackable: false,
      validUntil: month.validUntil.toISOString(),
    });
  });

  it('validates a code for a POS or as it is typed: what it takes off, or exactly why not, in zh-TW', async () => {
    const amy = await signedIn(product.app, 'amy');
    const coupon = await give((await template()).id);
    expect((await validate(amy, { code: coupon.code, price: 800 })).json()).toMatchObject({
      usable: true,
      discount: 100,
      coupon: { code: coupon.code },
    });
    expect((await validate(amy, { code: coupon.code, price: 300 })).json()).toEqual({
      usable: false,
      reason: 'COUPON_MIN_SPEND',
      message: '未達最低消費 NT$500，本次消費 NT$300',
    });
    expect((await validate(amy, { code: coupon.code, price: 800, channel: 'online' })).json()).toMatchObject({
      reason: 'COUPON_WRONG_CHANNEL',
    });
    // With the lookup: the coupon must be this member's, and shown by card to be used.
    const neighbour = (await importMember(product.engine, '0922000111', '1980-01-01')).id;
    const theirs = await give((await template()).id, neighbour);
    const byCard = (await lookUp(amy)).lookup.token;
    expect(
      (await validate(amy, { code: theirs.code, price: 800, lookupToken: byCard })).json(),
    ).toMatchObject({
      usable: false,
      reason: 'COUPON_OTHER_MEMBER',
    });
    const byPhone = (await lookUp(amy, { phone: '0912345678' })).lookup.token;
    expect(
      (await validate(amy, { code: coupon.code, price: 800, lookupToken: byPhone })).json(),
    ).toMatchObject({
      usable: false,
      reason: 'COUPON_NEEDS_CARD',
    });
    expect((await validate(amy, { code: 'NOSUCHCODE', price: 800 })).json()).toMatchObject({
      reason: 'COUPON_NOT_FOUND',
      message: '找不到這個優惠券代碼',
    });
  });

  it('refuses a validation without a counter role, with unknown fields or a wrong price', async () => {
    const amy = await signedIn(product.app, 'amy');
    const max = await signedIn(product.app, 'max');
    expect((await validate(max, { code: 'ABCDEFGH', price: 800 })).statusCode).toBe(403);
    expect((await validate(amy, { code: 'ABCDEFGH', price: 800, memberId: 1 })).statusCode).toBe(400);
    expect((await validate(amy, { code: 'ABCDEFGH', price: 0 })).statusCode).toBe(400);
    const anonymous = await product.app.inject({
      method: 'POST',
      url: '/api/staff/coupons/validate',
      payload: { code: 'ABCDEFGH', price: 800 },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('records a purchase with the coupon: the discount, the coupon in the result, used once', async () => {
    const amy = await signedIn(product.app, 'amy');
    const coupon = await give((await template()).id);
    const pay = (lookupToken: string, couponCodes: string[]) =>
      amy.send('POST', '/api/staff/purchases', {
        lookupToken,
        price: 1_000,
        reference: 'A-0001',
        idempotencyKey: randomUUID(),
        couponCodes,
      });
    const byPhone = await pay((await lookUp(amy, { phone: '0912345678' })).lookup.token, [coupon.code]);
    expect(byPhone.statusCode).toBe(403);
    expect(byPhone.json()).toMatchObject({ code: 'COUPON_NEEDS_CARD' });
    const paid = await pay((await lookUp(amy)).lookup.token, [coupon.code]);
    expect(paid.json()).toMatchObject({
      purchase: {
        price: 1_000,
        couponDiscount: 100,
        paid: 900,
        pointsEarned: 18,
        coupons: [{ code: coupon.code, title: '滿五百折一百', discount: 100 }],
      },
    });
    const again = await pay((await lookUp(amy)).lookup.token, [coupon.code]);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'COUPON_USED', message: '這張優惠券已使用過' });
    expect((await amy.get('/api/staff/purchases')).json().purchases[0]).toMatchObject({
      couponDiscount: 100,
      coupons: [{ code: coupon.code, title: '滿五百折一百', titleEn: 'NT$100 off NT$500' }],
    });
    const [row] = await product.engine.read((tx) =>
      tx.select().from(coupons).where(eq(coupons.id, coupon.id)),
    );
    expect(row).toMatchObject({ status: 'used', usedStoreId: tpe });
    const tooMany = await pay((await lookUp(amy)).lookup.token, ['A1', 'B2', 'C3', 'D4', 'E5', 'F6']);
    expect(tooMany.statusCode).toBe(400);
  });
});
