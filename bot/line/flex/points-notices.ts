import type { messagingApi } from '@line/bot-sdk';
import type { NoticeContent } from '../../domain/notices.ts';
import type { Language } from '../messages.ts';
import {
  bubbleMessage,
  formatPoints,
  labelled,
  lastValidDay,
  liffUrl,
  linkButton,
  money,
  note,
  openCardButton,
  text,
} from './parts.ts';

/** Coupons named in one expiry reminder at most; the wallet lists them all. */
const EXPIRING_LISTED = 5;

/** The Flex message that tells a member of a change to their points or tier (member_notices). */
export function noticeMessage(
  notice: NoticeContent,
  liffId: string,
  language: Language,
): messagingApi.FlexMessage {
  const en = language === 'en';
  const pts = (value: number) => (en ? `${formatPoints(value)} points` : `${formatPoints(value)} 點`);
  const balanceRow = (balance: number) => labelled(en ? 'Balance' : '目前點數', pts(balance));
  switch (notice.kind) {
    case 'points_earned':
    case 'points_redeemed': {
      const data = notice.data;
      const store = data.storeName;
      const { earned, redeemed } = data;
      // Absent on notices written before coupons.
      const used = data.coupons ?? [];
      const couponDiscount = data.couponDiscount ?? 0;
      const titles = used.map((coupon) => (en ? coupon.titleEn || coupon.title : coupon.title));
      const title = en ? 'Thank you for your purchase' : '感謝您的消費';
      const couponsSaid =
        titles.length === 0
          ? ''
          : en
            ? ` Coupon used: ${titles.join(', ')}.`
            : `已使用優惠券：${titles.join('、')}。`;
      return bubbleMessage(
        en
          ? `You earned ${earned} points${store ? ` at ${store}` : ''}.${couponsSaid}`
          : `${store ? `您在${store}` : '您'}獲得 ${earned} 點。${couponsSaid}`,
        title,
        [
          ...(store ? [note(store)] : []),
          // The price before discount and the amount paid differ only when coupons or points paid for part of it.
          ...(redeemed > 0 || couponDiscount > 0
            ? [labelled(en ? 'Price' : '原價', money(data.paid + data.discount + couponDiscount))]
            : []),
          ...titles.map((coupon) => labelled(en ? 'Coupon' : '優惠券', coupon)),
          ...(couponDiscount > 0
            ? [labelled(en ? 'Coupon discount' : '優惠券折抵', `-${money(couponDiscount)}`)]
            : []),
          ...(redeemed > 0
            ? [labelled(en ? 'Points used' : '點數折抵', `${pts(redeemed)} (-${money(data.discount)})`)]
            : []),
          labelled(en ? 'Paid' : '實付金額', money(data.paid)),
          labelled(en ? 'Points earned' : '獲得點數', `+${pts(earned)}`, { color: '#06C755' }),
          { type: 'separator' },
          balanceRow(data.balance),
        ],
        [
          linkButton(en ? 'Points history' : '點數紀錄', liffUrl(liffId, 'points'), 'secondary'),
          ...(titles.length > 0
            ? [linkButton(en ? 'My coupons' : '我的優惠券', liffUrl(liffId, 'coupons'), 'secondary')]
            : []),
        ],
      );
    }
    case 'purchase_reversed': {
      const data = notice.data;
      const title = data.isVoid
        ? en
          ? 'Purchase voided'
          : '交易已作廢'
        : en
          ? 'Refund recorded'
          : '退款已處理';
      return bubbleMessage(
        title,
        title,
        [
          labelled(en ? 'Receipt' : '單號', data.reference ?? ''),
          labelled(en ? 'Refund' : '退款', money(data.amount)),
          ...(data.removed > 0
            ? [labelled(en ? 'Points earned taken back' : '扣回獲得點數', `-${pts(data.removed)}`)]
            : []),
          ...(data.returned > 0
            ? [labelled(en ? 'Points used given back' : '退還點數折抵', `+${pts(data.returned)}`)]
            : []),
          { type: 'separator' },
          balanceRow(data.balance),
        ],
        [linkButton(en ? 'Points history' : '點數紀錄', liffUrl(liffId, 'points'), 'secondary')],
      );
    }
    case 'tier_changed': {
      const { to } = notice.data;
      const line = en ? `You are now ${to.nameEn}.` : `您已成為${to.name}。`;
      return bubbleMessage(
        line,
        en ? 'Your tier' : '會員等級',
        [text(line, { weight: 'bold', size: 'lg' })],
        [linkButton(en ? 'See my benefits' : '查看權益', liffUrl(liffId, 'tier'))],
      );
    }
    case 'points_expiring': {
      const day = lastValidDay(notice.data.expiresAt);
      const line = en ? `Some of your points expire after ${day}.` : `您有點數將於 ${day} 後到期。`;
      return bubbleMessage(
        line,
        en ? 'Points expiring soon' : '點數即將到期',
        [
          text(line, { weight: 'bold' }),
          note(en ? 'Use them at any of our stores before then.' : '請於到期前至門市使用。'),
        ],
        [openCardButton(liffId, language)],
      );
    }
    case 'coupon_given': {
      const data = notice.data;
      const title = en ? data.titleEn : data.title;
      const why = {
        join: en ? 'Welcome! A coupon for joining:' : '歡迎加入！送您一張優惠券：',
        tier: en ? 'A coupon for your new tier:' : '恭喜升等！送您一張優惠券：',
        birthday: en ? 'Happy birthday! A coupon for you:' : '生日快樂！送您一張優惠券：',
      }[data.reason];
      return bubbleMessage(
        `${why}${en ? ' ' : ''}${title}`,
        en ? 'A coupon for you' : '送您優惠券',
        [
          text(why, { size: 'sm' }),
          text(title, { weight: 'bold', size: 'lg', wrap: true }),
          note(
            en
              ? `Valid through ${lastValidDay(data.validUntil)}`
              : `有效期限至 ${lastValidDay(data.validUntil)}`,
          ),
        ],
        [
          linkButton(
            en ? 'See the coupon' : '查看優惠券',
            liffUrl(liffId, 'coupons', { coupon: data.couponId }),
          ),
        ],
      );
    }
    case 'coupons_expiring': {
      const { coupons } = notice.data;
      const n = coupons.length;
      const line = en
        ? `${n === 1 ? 'A coupon' : `${n} coupons`} of yours ${n === 1 ? 'expires' : 'expire'} soon.`
        : `您有 ${n} 張優惠券即將到期。`;
      // A bubble stays short: the first few, soonest first, and how many more the wallet shows.
      const listed = coupons.slice(0, EXPIRING_LISTED);
      const more = n - listed.length;
      return bubbleMessage(
        line,
        en ? 'Coupons expiring soon' : '優惠券即將到期',
        [
          text(line, { weight: 'bold' }),
          ...listed.flatMap((c) => [
            text(en ? c.titleEn || c.title : c.title, { size: 'sm', weight: 'bold', margin: 'md' }),
            note(
              en ? `Valid through ${lastValidDay(c.validUntil)}` : `使用期限至 ${lastValidDay(c.validUntil)}`,
            ),
          ]),
          ...(more > 0 ? [note(en ? `and ${more} more` : `還有 ${more} 張`)] : []),
        ],
        // The wallet, not one coupon's page: members reminded of the same coupons share one multicast.
        [linkButton(en ? 'My coupons' : '我的優惠券', liffUrl(liffId, 'coupons'))],
      );
    }
  }
}
