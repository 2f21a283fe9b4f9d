import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandLine } from '../../domain/actor.ts';
import { createTemplate } from '../../domain/coupon-templates.ts';
import { earnPoints } from '../../domain/points-earning.ts';
import { couponFields } from '../../testing/coupon-issuing.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore, joinForm } from '../../testing/members.ts';

let product: Product;
let storeId: number;
let tokens: { mine: string; theirs: string };
let memberId: number;

beforeEach(async () => {
  product = await startProduct();
  storeId = (await addStore(product.engine)).id;
  const join = async (phone: string) => {
    const shopper = product.line.shoppers.create({ displayName: '王小明', language: 'zh-TW' });
    const token = await product.line.shoppers.idToken(shopper.userId);
    const joined = await product.app.inject({
      method: 'POST',
      url: '/api/liff/members',
      headers: { authorization: `Bearer ${token}` },
      payload: joinForm(storeId, { phone }),
    });
    expect(joined.statusCode).toBe(201);
    return token;
  };
  tokens = { mine: await join('0912345678'), theirs: await join('0922333444') };
  const [me] = await product.engine.read((tx) =>
    tx.query.members.findMany({ where: (m, { eq }) => eq(m.phone, '0912345678') }),
  );
  memberId = me!.id;
});
afterEach(() => product.close());

const api = (method: 'GET' | 'POST', url: string, payload?: object, token = tokens.mine) =>
  product.app.inject({
    method,
    url: `/api/liff${url}`,
    headers: { authorization: `Bearer ${token}` },
    payload,
  });
const template = (overrides: Parameters<typeof couponFields>[0] = {}) =>
  createTemplate(product.engine, couponFields(overrides), commandLine, new Date());

describe('the member’s coupons over HTTP', () => {
  it('claims from a link, shows the coupon in the wallet, and answers a retry with the same coupon', async () => {
    const offer = await template({ totalCap: 10, perMemberCap: 1, storeIds: [storeId] });
    expect((await api('GET', `/coupon-offers/${offer.id}`)).json()).toMatchObject({
      templateId: offer.id,
      canClaim: true,
      reason: null,
      stores: [{ id: storeId, name: '台北信義店' }],
    });
    const claim = { templateId: offer.id, idempotencyKey: 'tap-00000001' };
    const claimed = await api('POST', '/coupons/claim', claim);
    expect(claimed.statusCode).toBe(201);
    expect(claimed.json()).toMatchObject({
      outcome: 'issued',
      replayed: false,
      coupon: { templateId: offer.id, title: '滿三百折五十', amountOff: 50, state: 'usable', usedAt: null },
    });
    const retried = await api('POST', '/coupons/claim', claim);
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ replayed: true, coupon: { id: claimed.json().coupon.id } });
    const again = await api('POST', '/coupons/claim', { ...claim, idempotencyKey: 'tap-00000002' });
    expect(again.json()).toMatchObject({ code: 'COUPON_MEMBER_LIMIT' });
    expect(again.statusCode).toBe(409);

    const wallet = (await api('GET', '/coupons')).json();
    expect(wallet).toMatchObject({ usable: [{ id: claimed.json().coupon.id }], used: [], expired: [] });
    const id = claimed.json().coupon.id as number;
    expect((await api('GET', `/coupons/${id}`)).json()).toMatchObject({ id, code: expect.any(String) });
    // Another member's coupon is not theirs to see.
    const theirs = await api('GET', `/coupons/${id}`, undefined, tokens.theirs);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.json()).toMatchObject({ code: 'COUPON_NOT_FOUND' });
    expect((await api('GET', `/coupon-offers/${offer.id}`)).json()).toMatchObject({
      canClaim: false,
      reason: 'COUPON_MEMBER_LIMIT',
    });
  });

  it('refuses a template that is neither claimable nor a reward, and a body with a wrong field', async () => {
    const staffOnly = await template({ claimable: false });
    expect((await api('GET', `/coupon-offers/${staffOnly.id}`)).statusCode).toBe(404);
    expect((await api('GET', '/coupon-offers/99999')).json()).toMatchObject({
      code: 'COUPON_TEMPLATE_NOT_FOUND',
    });
    const claimed = await api('POST', '/coupons/claim', {
      templateId: staffOnly.id,
      idempotencyKey: 'tap-00000003',
    });
    expect(claimed.statusCode).toBe(404);
    const extra = await api('POST', '/coupons/claim', {
      templateId: 1,
      idempotencyKey: 'tap-00000004',
      memberId: 2,
    });
    expect(extra.statusCode).toBe(400);
    expect((await api('POST', '/coupons/claim', { templateId: 1, idempotencyKey: 'short' })).statusCode).toBe(
      400,
    );
    expect(await product.engine.read((tx) => tx.query.coupons.findMany())).toEqual([]);
  });

  it('draws a lottery once', async () => {
    const lottery = await template({ lotteryWinPercent: 100, totalCap: 5 });
    const drawn = await api('POST', '/coupons/claim', {
      templateId: lottery.id,
      idempotencyKey: 'draw-0000001',
    });
    expect(drawn.json()).toMatchObject({ outcome: 'issued', coupon: { templateId: lottery.id } });
    const twice = await api('POST', '/coupons/claim', {
      templateId: lottery.id,
      idempotencyKey: 'draw-0000002',
    });
    expect(twice.json()).toMatchObject({ code: 'LOTTERY_ALREADY_DRAWN' });
  });

  it('lists the rewards with the balance and exchanges points for one', async () => {
    const reward = await template({
      ...{ kind: 'gift', giftName: '拿鐵', giftNameEn: 'Latte', claimable: false, pointsPrice: 100 },
    });
    await earnPoints(product.engine, {
      ...{ memberId, points: 150, amount: null, storeId: null, channel: 'other' as const },
      ...{ reference: null, idempotencyKey: 'gift-150', at: new Date() },
    });
    expect((await api('GET', '/rewards')).json()).toMatchObject({
      balance: 150,
      rewards: [{ templateId: reward.id, pointsPrice: 100, giftName: '拿鐵', canClaim: true }],
    });
    const exchange = { templateId: reward.id, idempotencyKey: 'swap-0000001' };
    const swapped = await api('POST', '/rewards/exchange', exchange);
    expect(swapped.statusCode).toBe(201);
    expect(swapped.json()).toMatchObject({
      balance: 50,
      replayed: false,
      coupon: { kind: 'gift', state: 'usable' },
    });
    expect((await api('POST', '/rewards/exchange', exchange)).json()).toMatchObject({
      balance: 50,
      replayed: true,
    });
    const short = await api('POST', '/rewards/exchange', { ...exchange, idempotencyKey: 'swap-0000002' });
    expect(short.json()).toMatchObject({ code: 'POINTS_INSUFFICIENT' });
    expect((await api('GET', '/coupons')).json().usable).toHaveLength(1);
  });

  it('answers only a member', async () => {
    const stranger = product.line.shoppers.create({ displayName: '路人', language: 'zh-TW' });
    const token = await product.line.shoppers.idToken(stranger.userId);
    expect((await api('GET', '/coupons', undefined, token)).json()).toMatchObject({ code: 'NOT_A_MEMBER' });
    expect((await product.app.inject({ method: 'GET', url: '/api/liff/rewards' })).statusCode).toBe(401);
  });
});
