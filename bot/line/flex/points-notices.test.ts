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

  it.each(['zh-TW', 'en'] as const)('are valid by LINE’s own check, in %s', async (language) => {
    const messages = [redeemed, earned, reversed(true), reversed(false)].map((notice) =>
      noticeMessage(notice, TEST_LIFF_ID, language),
    );
    await product.app.line.messaging.validateReply({ messages });
  });
});
