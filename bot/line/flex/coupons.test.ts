import type { messagingApi } from '@line/bot-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CouponCardView, CouponOfferView } from '../../domain/coupon-wallet.ts';
import { type Product, startProduct, TEST_LIFF_ID } from '../../testing/harness.ts';
import type { Language } from '../messages.ts';
import { fromBrand } from './brand.ts';
import { couponOfferMessage } from './coupon-offer.ts';
import { couponsMessage } from './coupons.ts';

const coupon = (id: number, overrides: Partial<CouponCardView> = {}): CouponCardView => ({
  id,
  templateId: 1,
  code: `CODE${id}`,
  title: `滿五百折一百 ${id}`,
  titleEn: `NT$100 off NT$500 #${id}`,
  imageUrl: 'https://example.com/coupon.png',
  kind: 'amount_off',
  amountOff: 100,
  percentOff: null,
  maxDiscount: null,
  giftName: null,
  giftNameEn: null,
  minSpend: 500,
  terms: '每次消費限用一張。',
  termsEn: 'One per purchase.',
  stores: null,
  channels: ['store'],
  stackable: false,
  validFrom: '2026-12-01T02:00:00.000Z',
  // The last moment of 3 December in Taipei.
  validUntil: '2026-12-03T15:59:59.999Z',
  state: 'usable',
  usedAt: null,
  usedStoreName: null,
  discount: null,
  ...overrides,
});

const offer = (templateId: number, overrides: Partial<CouponOfferView> = {}): CouponOfferView => ({
  templateId,
  title: '咖啡 85 折',
  titleEn: '15% off coffee',
  imageUrl: null,
  kind: 'percent_off',
  amountOff: null,
  percentOff: 15,
  maxDiscount: 60,
  giftName: null,
  giftNameEn: null,
  minSpend: 0,
  terms: '限飲品使用。'.repeat(200),
  termsEn: 'Drinks only. '.repeat(150),
  stores: null,
  channels: ['store'],
  validFrom: null,
  validUntil: null,
  validDays: 7,
  lotteryWinPercent: null,
  pointsPrice: null,
  canClaim: true,
  reason: null,
  ...overrides,
});

const bubblesOf = (message: messagingApi.FlexMessage) =>
  message.contents.type === 'carousel' ? message.contents.contents : [message.contents];
/** The URIs of a bubble's buttons, in order. */
const buttonsOf = (bubble: messagingApi.FlexBubble) =>
  (bubble.footer?.contents ?? []).map((button) =>
    button.type === 'button' && button.action.type === 'uri' ? button.action.uri : null,
  );
const words = (value: unknown) => JSON.stringify(value);
const liff = `https://liff.line.me/${TEST_LIFF_ID}`;

let product: Product;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product.close());

describe('the 優惠券 carousel', () => {
  it('shows each usable coupon in the given order, then the offers, each with its button', () => {
    const message = couponsMessage(
      {
        coupons: [
          coupon(7),
          coupon(3, { kind: 'gift', amountOff: null, giftName: '小餅乾', giftNameEn: 'Cookie' }),
        ],
        offers: [offer(9)],
      },
      TEST_LIFF_ID,
      'zh-TW',
    );
    expect(message.altText).toBe('您有 2 張可用的優惠券。');
    const bubbles = bubblesOf(message);
    expect(bubbles.map(buttonsOf)).toEqual([
      [`${liff}?page=coupons&coupon=7`],
      [`${liff}?page=coupons&coupon=3`],
      [`${liff}?page=coupons&claim=9`],
    ]);
    const [first, gift, claim] = bubbles.map(words);
    for (const said of [
      '滿五百折一百 7',
      '折 NT$100',
      '消費滿 NT$500 可用',
      '使用期限至 2026/12/03',
      '"查看"',
    ])
      expect(first).toContain(said);
    expect(first).toContain('"url":"https://example.com/coupon.png"');
    expect(gift).toContain('贈 小餅乾');
    for (const said of ['咖啡 85 折', '85 折，最高折 NT$60', '無最低消費', '領取後 7 天內有效', '"領取"'])
      expect(claim).toContain(said);
    // No image, no hero: LINE refuses an image without a URL.
    expect(bubbles[2]!.hero).toBeUndefined();
  });

  it('holds at most 12 bubbles: 11 and a 查看全部 to the wallet when there are more', () => {
    const coupons = Array.from({ length: 10 }, (_, i) => coupon(i + 1));
    const offers = [offer(21), offer(22), offer(23)];
    const bubbles = bubblesOf(couponsMessage({ coupons, offers }, TEST_LIFF_ID, 'zh-TW'));
    expect(bubbles).toHaveLength(12);
    expect(bubbles.slice(0, 11).map((b) => buttonsOf(b)[0])).toEqual([
      ...coupons.map((c) => `${liff}?page=coupons&coupon=${c.id}`),
      `${liff}?page=coupons&claim=21`,
    ]);
    expect(buttonsOf(bubbles[11]!)).toEqual([`${liff}?page=coupons`]);
    expect(words(bubbles[11])).toContain('還有 2 張');
    expect(words(bubbles[11])).toContain('查看全部');

    // Exactly 12: all of them, no 查看全部.
    const twelve = bubblesOf(
      couponsMessage({ coupons: [...coupons, coupon(11)], offers: [offer(21)] }, TEST_LIFF_ID, 'zh-TW'),
    );
    expect(twelve).toHaveLength(12);
    expect(words(twelve)).not.toContain('查看全部');
  });

  it('says so when there is nothing to use or claim, and opens the rewards catalogue', () => {
    const message = couponsMessage({ coupons: [], offers: [] }, TEST_LIFF_ID, 'zh-TW');
    expect(message.altText).toBe('目前沒有可用的優惠券。');
    expect(bubblesOf(message).map(buttonsOf)).toEqual([[`${liff}?page=rewards`]]);
    const en = couponsMessage({ coupons: [], offers: [] }, TEST_LIFF_ID, 'en');
    expect(en.altText).toBe('You have no coupons to use right now.');
  });

  it('speaks English to a member whose LINE is in English, with the coupons’ English words', () => {
    const message = couponsMessage(
      { coupons: [coupon(1)], offers: [offer(2, { lotteryWinPercent: 30 })] },
      TEST_LIFF_ID,
      'en',
    );
    expect(message.altText).toBe('You have 1 coupon to use.');
    const said = words(message);
    for (const text of [
      'NT$100 off NT$500 #1',
      'NT$100 off',
      'Spend NT$500 or more',
      'Valid through 2026/12/03',
    ])
      expect(said).toContain(text);
    for (const text of ['15% off coffee', '15% off, up to NT$60', 'A draw: 30% win', '"Claim"', '"View"'])
      expect(said).toContain(text);
    expect(said).not.toContain('滿五百');
    // Only offers: the words say what there is to claim.
    expect(couponsMessage({ coupons: [], offers: [offer(2)] }, TEST_LIFF_ID, 'en').altText).toBe(
      '1 coupon for you to claim.',
    );
  });

  it.each(['zh-TW', 'en'] as const)(
    'is valid by LINE’s own check and stays small, in %s',
    async (language: Language) => {
      const longest = {
        title: '券'.repeat(40),
        titleEn: 'C'.repeat(80),
        terms: '約'.repeat(1000),
        termsEn: 'T'.repeat(2000),
      };
      const full = couponsMessage(
        {
          coupons: Array.from({ length: 8 }, (_, i) => coupon(i + 1, longest)),
          offers: Array.from({ length: 8 }, (_, i) => offer(i + 20, longest)),
        },
        TEST_LIFF_ID,
        language,
      );
      const messages = [
        fromBrand(full, '好日子咖啡'),
        couponsMessage({ coupons: [], offers: [] }, TEST_LIFF_ID, language),
        couponOfferMessage(
          offer(5, { imageUrl: 'https://example.com/o.png', lotteryWinPercent: 10 }),
          TEST_LIFF_ID,
          language,
        ),
      ];
      await product.app.line.messaging.validateReply({ messages });
      // LINE refuses a carousel over 50 KB: an offer's terms are cut to two lines, not sent whole.
      expect(new TextEncoder().encode(words(full.contents)).length).toBeLessThan(50_000);
    },
  );
});

describe('an offer pushed alone', () => {
  it('is one bubble with its image, title, terms and a 領取 button to the claim', () => {
    const message = couponOfferMessage(
      offer(5, { imageUrl: 'https://example.com/o.png' }),
      TEST_LIFF_ID,
      'zh-TW',
    );
    expect(message.altText).toBe('送您一張優惠券：咖啡 85 折');
    const [bubble] = bubblesOf(message);
    expect(bubble!.hero).toMatchObject({ type: 'image', url: 'https://example.com/o.png' });
    expect(buttonsOf(bubble!)).toEqual([`${liff}?page=coupons&claim=5`]);
    expect(words(bubble)).toContain('限飲品使用。');
    expect(words(bubble)).toContain('"領取"');
  });

  it('carries the brand’s name on each bubble of a carousel, as on a single bubble', () => {
    const branded = fromBrand(
      couponsMessage({ coupons: [coupon(1), coupon(2)], offers: [] }, TEST_LIFF_ID, 'zh-TW'),
      '好日子咖啡',
    );
    for (const bubble of bubblesOf(branded)) expect(words(bubble.header)).toContain('好日子咖啡');
  });
});
