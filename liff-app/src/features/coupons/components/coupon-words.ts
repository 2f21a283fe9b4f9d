import type { CouponCardView, CouponOfferView } from '../../../../../bot/schemas/coupon-wallet-api.ts';
import { formatMoney } from '../../../lib/format.ts';
import { locale } from '../../../lib/i18n.ts';
import type { couponMessages } from './messages.ts';

type Meaning = CouponCardView | CouponOfferView;
type Texts = ReturnType<typeof couponMessages.get>;

/** zh-TW or English of a coupon's own words, as the shopper reads. */
export const inLanguage = (zh: string, en: string) => (locale.get() === 'en' && en ? en : zh);

/** A percentage off as Taiwan's shops say it, 10% off is 9 折 and 15% off 85 折; in English the percent off. */
const offWords = (percentOff: number) => {
  const pay = 100 - percentOff;
  if (locale.get() === 'en') return String(percentOff);
  return String(pay % 10 === 0 ? pay / 10 : pay);
};

/** What the coupon gives, in a few words: 折 NT$50, 9 折 最高折 NT$100, 贈 小餅乾. */
export function givesText(coupon: Meaning, t: Texts): string {
  if (coupon.kind === 'amount_off') return t.amountOff({ amount: formatMoney(coupon.amountOff ?? 0) });
  if (coupon.kind === 'gift')
    return t.gift({ gift: inLanguage(coupon.giftName ?? '', coupon.giftNameEn ?? '') });
  const percent = t.percentOff({ off: offWords(coupon.percentOff ?? 0) });
  return coupon.maxDiscount === null
    ? percent
    : `${percent} ${t.upTo({ amount: formatMoney(coupon.maxDiscount) })}`;
}

/** The big words on a coupon's face when it has no image: NT$50, 9 折, 贈. */
export function faceText(coupon: Meaning, t: Texts): string {
  if (coupon.kind === 'amount_off') return formatMoney(coupon.amountOff ?? 0);
  if (coupon.kind === 'percent_off') return t.percentOff({ off: offWords(coupon.percentOff ?? 0) });
  return t.gift({ gift: '' }).trim();
}
