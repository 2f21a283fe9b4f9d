import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../../db/schema.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore, importMember } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

let product: Product;
let tpe: number;

beforeEach(async () => {
  product = await startProduct();
  tpe = (await addStore(product.engine)).id;
  await addStaff(product.engine, 'max', 'marketer');
  await addStaff(product.engine, 'mia', 'store_manager', [tpe]);
  await addStaff(product.engine, 'amy', 'clerk', [tpe]);
});
afterEach(() => product.close());

const percentOff = {
  kind: 'percent_off',
  percentOff: 20,
  maxDiscount: 300,
  minSpend: 1000,
  validFrom: '2026-12-01T00:00:00+08:00',
  validUntil: '2027-01-01T00:00:00+08:00',
  totalCap: 100,
  perMemberCap: 1,
  channels: ['store', 'online'],
  title: '耶誕八折',
  titleEn: '20% off for Christmas',
  terms: '折扣上限 NT$300。',
  termsEn: 'Up to NT$300 off.',
  stackable: false,
};

describe('coupon templates in the console', () => {
  it('lets a marketer create and change one, a store manager read, a clerk neither', async () => {
    const max = await signedIn(product.app, 'max');
    const created = await max.send('POST', '/api/staff/coupon-templates', percentOff);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      kind: 'percent_off',
      validUntil: '2026-12-31T16:00:00.000Z',
      amountOff: null,
      issuedCount: 0,
      active: true,
    });
    const id = created.json().id as number;
    const changed = await max.send('PATCH', `/api/staff/coupon-templates/${id}`, { totalCap: 200 });
    expect(changed.json()).toMatchObject({ id, totalCap: 200 });

    const mia = await signedIn(product.app, 'mia');
    expect((await mia.get('/api/staff/coupon-templates')).json()).toMatchObject([{ id, totalCap: 200 }]);
    expect((await mia.send('POST', '/api/staff/coupon-templates', percentOff)).statusCode).toBe(403);
    const amy = await signedIn(product.app, 'amy');
    expect((await amy.get('/api/staff/coupon-templates')).statusCode).toBe(403);
    // Refused before the body is read: no hint of what a template looks like.
    expect((await amy.send('POST', '/api/staff/coupon-templates', {})).statusCode).toBe(403);
  });

  it('answers each wrong field by name and changes nothing', async () => {
    const max = await signedIn(product.app, 'max');
    const response = await max.send('POST', '/api/staff/coupon-templates', {
      ...percentOff,
      percentOff: 0,
      validDays: 7,
      title: '',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'INVALID_FIELDS',
      fields: { percentOff: 'PERCENT_INVALID', validity: 'VALIDITY_ONE_OF', title: 'TITLE_INVALID' },
    });
    expect((await max.get('/api/staff/coupon-templates')).json()).toEqual([]);
  });

  it('lists for a clerk the templates they may give here: active, still issuing, for their store', async () => {
    const other = (await addStore(product.engine, 'TPE02', '台北大安店')).id;
    const max = await signedIn(product.app, 'max');
    const create = async (extra: object) =>
      (await max.send('POST', '/api/staff/coupon-templates', { ...percentOff, ...extra })).json()
        .id as number;
    const everywhere = await create({ title: '全門市八折' });
    await create({ title: '大安店限定', storeIds: [other] });
    const paused = await create({ title: '暫停中' });
    await max.send('PATCH', `/api/staff/coupon-templates/${paused}`, { active: false });
    await create({
      title: '已結束',
      validFrom: '2026-01-01T00:00:00+08:00',
      validUntil: '2026-02-01T00:00:00+08:00',
    });

    const amy = await signedIn(product.app, 'amy');
    const giveable = await amy.get('/api/staff/coupon-templates/giveable');
    expect(giveable.statusCode).toBe(200);
    expect(giveable.json()).toEqual([
      {
        ...{ id: everywhere, title: '全門市八折', titleEn: '20% off for Christmas', kind: 'percent_off' },
        ...{
          amountOff: null,
          percentOff: 20,
          maxDiscount: 300,
          giftName: null,
          minSpend: 1000,
          stackable: false,
        },
      },
    ]);
  });

  it('lets a clerk give a member one, audited, once per idempotency key', async () => {
    const max = await signedIn(product.app, 'max');
    const template = (await max.send('POST', '/api/staff/coupon-templates', percentOff)).json();
    const member = await importMember(product.engine, '0911222333', '1985-03-03');
    const amy = await signedIn(product.app, 'amy', { storeId: tpe });
    const give = () =>
      amy.send('POST', `/api/staff/members/${member.id}/coupons`, {
        templateId: template.id,
        idempotencyKey: 'give-0001',
      });
    const first = await give();
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ memberId: member.id, status: 'issued', code: expect.any(String) });
    const again = await give();
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const over = await amy.send('POST', `/api/staff/members/${member.id}/coupons`, {
      templateId: template.id,
      idempotencyKey: 'give-0002',
    });
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({ code: 'COUPON_MEMBER_LIMIT' });
    const audited = await product.engine.read((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, 'coupon.give')),
    );
    expect(audited).toHaveLength(1);
    expect((await max.send('POST', `/api/staff/members/${member.id}/coupons`, {})).statusCode).toBe(403);
  });

  it('takes the ways in by field, and answers a wrong one by name', async () => {
    const max = await signedIn(product.app, 'max');
    const lottery = { ...percentOff, claimable: true, lotteryWinPercent: 30 };
    const created = await max.send('POST', '/api/staff/coupon-templates', lottery);
    expect(created.json()).toMatchObject({ claimable: true, lotteryWinPercent: 30, pointsPrice: null });
    const wrong = await max.send('POST', '/api/staff/coupon-templates', {
      ...percentOff,
      lotteryWinPercent: 30,
      pointsPrice: 0,
      autoIssue: 'tier',
      autoIssueTier: 'platinum',
    });
    expect(wrong.json()).toMatchObject({
      code: 'INVALID_FIELDS',
      fields: { lotteryWinPercent: 'LOTTERY_NEEDS_CLAIMABLE', pointsPrice: 'POINTS_PRICE_INVALID' },
    });
    const tier = await max.send('POST', '/api/staff/coupon-templates', {
      ...percentOff,
      autoIssue: 'tier',
      autoIssueTier: 'platinum',
    });
    expect(tier.json()).toMatchObject({ code: 'INVALID_FIELDS', fields: { autoIssueTier: 'TIER_INVALID' } });
    const changed = await max.send('PATCH', `/api/staff/coupon-templates/${created.json().id}`, {
      autoIssue: 'birthday',
    });
    expect(changed.json()).toMatchObject({
      id: created.json().id,
      autoIssue: 'birthday',
      autoIssueTier: null,
    });
  });

  it('lets a store manager void an unused coupon, audited, and not a clerk', async () => {
    const max = await signedIn(product.app, 'max');
    const template = (await max.send('POST', '/api/staff/coupon-templates', percentOff)).json();
    const member = await importMember(product.engine, '0911222333', '1985-03-03');
    const amy = await signedIn(product.app, 'amy', { storeId: tpe });
    const given = await amy.send('POST', `/api/staff/members/${member.id}/coupons`, {
      templateId: template.id,
      idempotencyKey: 'give-void-1',
    });
    const id = given.json().id as number;
    expect((await amy.send('POST', `/api/staff/coupons/${id}/void`, { reason: '給錯了' })).statusCode).toBe(
      403,
    );
    const mia = await signedIn(product.app, 'mia', { storeId: tpe });
    expect((await mia.send('POST', `/api/staff/coupons/${id}/void`, { reason: '' })).statusCode).toBe(400);
    const voided = await mia.send('POST', `/api/staff/coupons/${id}/void`, { reason: '給錯了' });
    expect(voided.statusCode).toBe(200);
    expect(voided.json()).toMatchObject({ id, memberId: member.id, status: 'void', pointsReturned: 0 });
    const again = await mia.send('POST', `/api/staff/coupons/${id}/void`, { reason: '給錯了' });
    expect(again.json()).toMatchObject({ code: 'COUPON_VOID' });
    const audited = await product.engine.read((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, 'coupon.void')),
    );
    expect(audited).toMatchObject([{ subjectType: 'coupon', after: { reason: '給錯了' } }]);
  });
});
