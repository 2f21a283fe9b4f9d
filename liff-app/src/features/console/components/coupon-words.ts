import { formatMoney } from '../../../lib/format.ts';
import { locale } from '../../../lib/i18n.ts';
import type { CouponTemplate } from '../api/coupon-templates.ts';
import { taipeiDay } from './coupon-draft.ts';
import type { couponMessages } from './coupon-messages.ts';

type Words = ReturnType<typeof couponMessages.get>;

const english = () => locale.get() === 'en';

/** A template's title in the reader's language: the console in English shows the English the members read. */
export const titleOf = (template: CouponTemplate) => (english() ? template.titleEn : template.title);

/** What a template gives and from what spend, in a line: 折 NT$100・滿 NT$500. */
export function offerWords(t: Words, template: CouponTemplate): string {
  const gives =
    template.kind === 'amount_off'
      ? t.amountOffText({ amount: formatMoney(template.amountOff ?? 0) })
      : template.kind === 'percent_off'
        ? t.percentOffText({ percent: template.percentOff ?? 0, max: formatMoney(template.maxDiscount ?? 0) })
        : t.giftText({ gift: (english() ? template.giftNameEn : template.giftName) ?? '' });
  return template.minSpend > 0
    ? `${gives}${t.between}${t.minSpendText({ amount: formatMoney(template.minSpend) })}`
    : gives;
}

/** A template's validity: its Taipei days, or so many days from issue. */
export const validityWords = (t: Words, template: CouponTemplate) =>
  template.validDays !== null
    ? t.daysText({ days: template.validDays })
    : t.windowText({ from: taipeiDay(template.validFrom), until: taipeiDay(template.validUntil, true) });

/** Every way a member gets it: a staff give always, then the claim link or lottery, points, automatically. */
export function waysInWords(t: Words, template: CouponTemplate): string[] {
  const ways = [t.staff];
  if (template.claimable) ways.push(template.lotteryWinPercent != null ? t.lottery : t.claim);
  if (template.pointsPrice != null) ways.push(t.points);
  if (template.autoIssue) ways.push(t[`auto_${template.autoIssue}`]);
  return ways;
}
