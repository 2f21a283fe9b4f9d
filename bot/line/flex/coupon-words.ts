import type { messagingApi } from '@line/bot-sdk';
import type { CouponCardView, CouponOfferView } from '../../domain/coupon-wallet.ts';
import type { Language } from '../messages.ts';
import { LINE_GREEN, lastValidDay, MUTED, money, text } from './parts.ts';

/** What a coupon gives and where, the same on a coupon held and an offer of its template. */
export type CouponMeaning = CouponCardView | CouponOfferView;

/** The red shoppers know from price tags: what a coupon takes off stands out. */
const SALE_RED = '#E5533D';

/** A coupon's own words in the member's language: the English ones when they read English. */
export const inLanguage = (zh: string | null, en: string | null, language: Language) =>
  (language === 'en' ? en || zh : zh || en) ?? '';

/** A percentage off as Taiwan's shops say it: 10% off is 9 折, 15% off is 85 折 (as the wallet says it). */
const rate = (percentOff: number) => {
  const pay = 100 - percentOff;
  return String(pay % 10 === 0 ? pay / 10 : pay);
};

/** What the coupon gives, in a few words: 折 NT$50 · 9 折，最高折 NT$100 · 贈 小餅乾. */
export function givesText(coupon: CouponMeaning, language: Language): string {
  const en = language === 'en';
  if (coupon.kind === 'amount_off') {
    const amount = money(coupon.amountOff ?? 0);
    return en ? `${amount} off` : `折 ${amount}`;
  }
  if (coupon.kind === 'gift') {
    const gift = inLanguage(coupon.giftName, coupon.giftNameEn, language);
    return en ? `Free gift: ${gift}` : `贈 ${gift}`;
  }
  const percent = coupon.percentOff ?? 0;
  const off = en ? `${percent}% off` : `${rate(percent)} 折`;
  if (coupon.maxDiscount === null) return off;
  return en ? `${off}, up to ${money(coupon.maxDiscount)}` : `${off}，最高折 ${money(coupon.maxDiscount)}`;
}

export const minSpendText = (minSpend: number, language: Language) => {
  if (minSpend <= 0) return language === 'en' ? 'No minimum spend' : '無最低消費';
  return language === 'en' ? `Spend ${money(minSpend)} or more` : `消費滿 ${money(minSpend)} 可用`;
};

/** Through which Taipei day a coupon is good, or, for an offer valid N days from claiming, how long. */
export function validityText(
  validity: { validUntil: string | null; validDays?: number | null },
  language: Language,
): string {
  const en = language === 'en';
  if (validity.validUntil !== null) {
    const day = lastValidDay(validity.validUntil);
    return en ? `Valid through ${day}` : `使用期限至 ${day}`;
  }
  const days = validity.validDays ?? 0;
  return en ? `Valid ${days} days from claiming` : `領取後 ${days} 天內有效`;
}

/** The lines in the middle of a coupon's bubble: what it gives, big, then the minimum spend and the last day. */
export function couponFacts(
  coupon: CouponMeaning,
  validity: { validUntil: string | null; validDays?: number | null },
  language: Language,
): messagingApi.FlexComponent[] {
  return [
    text(givesText(coupon, language), { weight: 'bold', size: 'lg', color: SALE_RED, maxLines: 2 }),
    text(minSpendText(coupon.minSpend, language), { size: 'sm', color: MUTED }),
    text(validityText(validity, language), { size: 'sm', color: MUTED }),
  ];
}

/** A coupon's bubble for a carousel: its title on the brand's green, its image, the facts, and one button. */
export function couponBubble(
  coupon: CouponMeaning,
  facts: messagingApi.FlexComponent[],
  button: messagingApi.FlexButton,
  language: Language,
): messagingApi.FlexBubble {
  const title = inLanguage(coupon.title, coupon.titleEn, language);
  return {
    type: 'bubble',
    size: 'kilo',
    header: {
      type: 'box',
      layout: 'vertical',
      backgroundColor: LINE_GREEN,
      paddingAll: '12px',
      contents: [text(title, { color: '#FFFFFF', weight: 'bold', maxLines: 2 })],
    },
    ...(coupon.imageUrl && {
      hero: {
        type: 'image',
        url: coupon.imageUrl,
        size: 'full',
        aspectRatio: '20:13',
        aspectMode: 'cover',
        action: button.action,
      },
    }),
    body: { type: 'box', layout: 'vertical', spacing: 'sm', contents: facts },
    footer: { type: 'box', layout: 'vertical', contents: [button] },
  };
}
