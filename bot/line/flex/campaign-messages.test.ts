import type { messagingApi } from '@line/bot-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignMessage } from '../../../db/schema/campaign-message.ts';
import type { CouponOfferView } from '../../domain/coupon-wallet.ts';
import { type Product, startProduct, TEST_LIFF_ID } from '../../testing/harness.ts';
import { campaignMessages } from './campaign-messages.ts';

const offer: CouponOfferView = {
  templateId: 7,
  title: '滿三百折五十',
  titleEn: 'NT$50 off NT$300',
  imageUrl: null,
  kind: 'amount_off',
  amountOff: 50,
  percentOff: null,
  maxDiscount: null,
  giftName: null,
  giftNameEn: null,
  minSpend: 300,
  terms: '每次消費限用一張。',
  termsEn: 'One per purchase.',
  stores: null,
  channels: ['store'],
  validFrom: null,
  validUntil: null,
  validDays: 30,
  lotteryWinPercent: null,
  pointsPrice: null,
  canClaim: true,
  reason: null,
};
const coupon: CampaignMessage = {
  kind: 'coupon',
  templateId: 7,
  zh: { intro: '週末限定！' },
  en: { intro: '' },
};
const announcement: CampaignMessage = {
  kind: 'announcement',
  imageUrl: 'https://example.com/sale.png',
  buttonUrl: 'https://example.com/sale',
  zh: { title: '週末特賣', text: '全館九折，只到週日。', buttonLabel: '看看' },
  en: { title: 'Weekend sale', text: '10% off until Sunday.', buttonLabel: 'See' },
};
const plain: CampaignMessage = { kind: 'text', zh: { text: '九折' }, en: { text: '10% off' } };
const ctx = { liffId: TEST_LIFF_ID, offer };

let product: Product;
beforeAll(async () => {
  product = await startProduct();
});
afterAll(() => product.close());

const types = (messages: messagingApi.Message[]) => messages.map((m) => m.type);

describe('what a campaign sends each recipient', () => {
  it.each(['zh-TW', 'en'] as const)('is valid by LINE’s check for multicast, in %s', async (language) => {
    for (const message of [coupon, announcement, plain]) {
      await product.app.line.messaging.validateMulticast({
        messages: campaignMessages(message, language, ctx),
      });
    }
    const bare: CampaignMessage = {
      ...announcement,
      imageUrl: null,
      buttonUrl: null,
      zh: { ...announcement.zh, buttonLabel: null },
      en: { ...announcement.en, buttonLabel: null },
    };
    await product.app.line.messaging.validateMulticast({ messages: campaignMessages(bare, language, ctx) });
  });

  it('sends a coupon as its intro, when there is one, and the offer with a claim into the wallet', () => {
    const zh = campaignMessages(coupon, 'zh-TW', ctx);
    expect(types(zh)).toEqual(['text', 'flex']);
    expect(zh[0]).toEqual({ type: 'text', text: '週末限定！' });
    const en = campaignMessages(coupon, 'en', ctx);
    expect(types(en)).toEqual(['flex']);
    expect(JSON.stringify(en)).toContain(`https://liff.line.me/${TEST_LIFF_ID}?page=coupons&claim=7`);
    expect(() => campaignMessages(coupon, 'en', { liffId: TEST_LIFF_ID })).toThrow(/offer/);
    const clicked = JSON.stringify(campaignMessages(coupon, 'en', { ...ctx, token: '12.abcdefghijkl' }));
    expect(clicked).toContain(`https://liff.line.me/${TEST_LIFF_ID}?page=coupons&claim=7&c=12.abcdefghijkl`);
  });

  it('sends an announcement in the recipient’s language, its button through the member app’s click when given', () => {
    const [zh] = campaignMessages(announcement, 'zh-TW', ctx) as messagingApi.FlexMessage[];
    expect(zh!.altText).toBe('週末特賣：全館九折，只到週日。');
    expect(JSON.stringify(zh)).toContain('https://example.com/sale');
    const [en] = campaignMessages(announcement, 'en', {
      ...ctx,
      token: '12.abcdefghijkl',
    }) as messagingApi.FlexMessage[];
    expect(JSON.stringify(en)).toContain(`"uri":"https://liff.line.me/${TEST_LIFF_ID}?c=12.abcdefghijkl"`);
    expect(JSON.stringify(en)).toContain('Weekend sale');
    expect(JSON.stringify(en)).not.toContain('週末');
  });

  it('keeps a long announcement’s altText within LINE’s 400 characters', () => {
    const long: CampaignMessage = { ...announcement, zh: { ...announcement.zh, text: '長'.repeat(1_000) } };
    const [flex] = campaignMessages(long, 'zh-TW', ctx) as messagingApi.FlexMessage[];
    expect([...flex!.altText].length).toBe(400);
  });

  it('sends text as text', () => {
    expect(campaignMessages(plain, 'en', ctx)).toEqual([{ type: 'text', text: '10% off' }]);
  });
});
