import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Product, startProduct, TEST_LIFF_ID } from '../../testing/harness.ts';
import type { Language } from '../messages.ts';
import { noticeMessage } from './points-notices.ts';

const at = '2026-11-23T04:00:00.000Z';
/** NT$1,000 before discount, 150 points paying NT$150 of it, NT$850 paid, 17 points earned. */
const redeemed = {
  kind: 'points_redeemed' as const,
  data: {
    purchaseId: 1,
    storeName: '台北信義店',
    paid: 850,
    discount: 150,
    earned: 17,
    redeemed: 150,
    balance: 67,
    at,
  },
};
const earned = {
  kind: 'points_earned' as const,
  data: {
    purchaseId: 2,
    storeName: '台北信義店',
    paid: 1_280,
    discount: 0,
    earned: 25,
    redeemed: 0,
    balance: 92,
    at,
  },
};
const reversed = (isVoid: boolean) => ({
  kind: 'purchase_reversed' as const,
  data: { purchaseId: 1, reference: 'A-1', amount: 300, isVoid, removed: 6, returned: 0, balance: 61, at },
});
/** NT$1,000 before discount: a coupon took NT$100 off, 90 points paid NT$90, NT$810 paid. */
const withCoupon = {
  kind: 'points_redeemed' as const,
  data: {
    ...redeemed.data,
    purchaseId: 3,
    paid: 810,
    discount: 90,
    redeemed: 90,
    earned: 16,
    coupons: [{ title: '滿五百折一百', titleEn: 'NT$100 off NT$500' }],
    couponDiscount: 100,
  },
};
/** A gift coupon takes no NT$ off: the gift is handed over. */
const withGift = {
  kind: 'points_earned' as const,
  data: { ...earned.data, coupons: [{ title: '贈小餅乾', titleEn: 'Free cookie' }], couponDiscount: 0 },
};
const couponGiven = {
  kind: 'coupon_given' as const,
  data: {
    couponId: 42,
    title: '入會禮 折 NT$50',
    titleEn: 'Welcome: NT$50 off',
    reason: 'join' as const,
    validUntil: '2026-12-31T15:59:59.999Z',
  },
};
const expiring = (n: number) => ({
  kind: 'coupons_expiring' as const,
  data: {
    coupons: Array.from({ length: n }, (_, i) => ({
      couponId: i + 1,
      title: `優惠券 ${i + 1}`,
      titleEn: `Coupon ${i + 1}`,
      validUntil: '2026-12-03T15:59:59.999Z',
    })),
  },
});
/** The words of a message, one string: what the member reads. */
const words = (notice: Parameters<typeof noticeMessage>[0], language: Language) =>
  JSON.stringify(noticeMessage(notice, TEST_LIFF_ID, language));

let product: Product;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product.close());

describe('the push after a purchase', () => {
  it('names the price before discount, the points used and the amount paid apart, in zh-TW and English', () => {
    const zh = words(redeemed, 'zh-TW');
    for (const label of ['"原價"', 'NT$1,000', '"點數折抵"', '"實付金額"', 'NT$850', '"獲得點數"']) {
      expect(zh).toContain(label);
    }
    expect(zh).not.toContain('消費金額');
    const en = words(redeemed, 'en');
    for (const label of ['"Price"', '"Points used"', '"Paid"', '"Points earned"'])
      expect(en).toContain(label);
  });

  it('shows no price before discount when nothing was taken off: it would say the amount paid twice', () => {
    const zh = words(earned, 'zh-TW');
    expect(zh).toContain('"實付金額"');
    expect(zh).not.toContain('"原價"');
  });

  it('calls a void a void and a refund a refund', () => {
    expect(words(reversed(true), 'zh-TW')).toContain('交易已作廢');
    expect(words(reversed(true), 'zh-TW')).not.toContain('取消');
    expect(words(reversed(false), 'zh-TW')).toContain('退款已處理');
    expect(words(reversed(false), 'zh-TW')).not.toContain('退貨');
    expect(words(reversed(false), 'en')).toContain('Refund recorded');
  });

  it('says which coupon the purchase used and what it took off, before the points', () => {
    const zh = JSON.stringify(noticeMessage(withCoupon, TEST_LIFF_ID, 'zh-TW').contents);
    const order = [
      '"原價"',
      'NT$1,000',
      '"優惠券"',
      '滿五百折一百',
      '"優惠券折抵"',
      '-NT$100',
      '"點數折抵"',
      '"實付金額"',
      'NT$810',
    ];
    const at = order.map((said) => zh.indexOf(said));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(noticeMessage(withCoupon, TEST_LIFF_ID, 'zh-TW').altText).toBe(
      '您在台北信義店獲得 16 點。已使用優惠券：滿五百折一百。',
    );
    expect(zh).toContain(`https://liff.line.me/${TEST_LIFF_ID}?page=coupons`);
    const en = words(withCoupon, 'en');
    for (const said of ['"Coupon"', 'NT$100 off NT$500', '"Coupon discount"']) expect(en).toContain(said);
    expect(noticeMessage(withCoupon, TEST_LIFF_ID, 'en').altText).toContain(
      'Coupon used: NT$100 off NT$500.',
    );
  });

  it('names a gift coupon used without a discount, and says nothing of coupons on older notices', () => {
    const gift = words(withGift, 'zh-TW');
    expect(gift).toContain('贈小餅乾');
    expect(gift).not.toContain('優惠券折抵');
    expect(gift).not.toContain('"原價"');
    expect(words(earned, 'zh-TW')).not.toContain('優惠券');
  });

  it.each(['zh-TW', 'en'] as const)('are valid by LINE’s own check, in %s', async (language) => {
    const messages = [redeemed, earned, reversed(true), reversed(false), withCoupon].map((notice) =>
      noticeMessage(notice, TEST_LIFF_ID, language),
    );
    await product.app.line.messaging.validateReply({ messages });
    const more = [withGift, couponGiven, expiring(1), expiring(8)].map((notice) =>
      noticeMessage(notice, TEST_LIFF_ID, language),
    );
    await product.app.line.messaging.validateReply({ messages: more });
  });
});

describe('the coupon notices', () => {
  it('open the coupon given at its page in the wallet, and a reminder at the wallet', () => {
    expect(words(couponGiven, 'zh-TW')).toContain(
      `https://liff.line.me/${TEST_LIFF_ID}?page=coupons&coupon=42`,
    );
    expect(words(couponGiven, 'zh-TW')).toContain('有效期限至 2026/12/31');
    expect(noticeMessage(couponGiven, TEST_LIFF_ID, 'en').altText).toBe(
      'Welcome! A coupon for joining: Welcome: NT$50 off',
    );
    // Nothing of one member's own in a reminder: members reminded of the same coupons share a multicast.
    expect(words(expiring(1), 'zh-TW')).toContain(`https://liff.line.me/${TEST_LIFF_ID}?page=coupons"`);
    expect(words(expiring(1), 'zh-TW')).not.toContain('&coupon=');
  });

  it('list the first five coupons expiring and count the rest', () => {
    const zh = words(expiring(8), 'zh-TW');
    expect(zh).toContain('您有 8 張優惠券即將到期。');
    expect(zh).toContain('優惠券 5');
    expect(zh).not.toContain('優惠券 6');
    expect(zh).toContain('還有 3 張');
    expect(zh).toContain('使用期限至 2026/12/03');
    expect(noticeMessage(expiring(1), TEST_LIFF_ID, 'en').altText).toBe('A coupon of yours expires soon.');
    expect(words(expiring(2), 'en')).toContain('Coupon 2');
  });
});
