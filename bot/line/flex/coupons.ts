import type { messagingApi } from '@line/bot-sdk';
import type { CouponCardView, CouponOfferView } from '../../domain/coupon-wallet.ts';
import type { Language } from '../messages.ts';
import { offerBubble } from './coupon-offer.ts';
import { couponBubble, couponFacts } from './coupon-words.ts';
import { bubbleMessage, LINE_GREEN, liffUrl, linkButton, MUTED, note, text } from './parts.ts';

/** LINE shows at most 12 bubbles in a carousel. https://developers.line.biz/en/reference/messaging-api/#f-carousel */
export const CAROUSEL_MAX = 12;

/** A coupon the member holds: its face and a 查看 button to its page in the wallet (the code, the terms). */
function heldBubble(coupon: CouponCardView, liffId: string, language: Language): messagingApi.FlexBubble {
  return couponBubble(
    coupon,
    couponFacts(coupon, coupon, language),
    linkButton(language === 'en' ? 'View' : '查看', liffUrl(liffId, 'coupons', { coupon: coupon.id })),
    language,
  );
}

/** The last bubble when there are more than fit: how many more, and the wallet. */
function moreBubble(more: number, liffId: string, language: Language): messagingApi.FlexBubble {
  const en = language === 'en';
  return {
    type: 'bubble',
    size: 'kilo',
    body: {
      type: 'box',
      layout: 'vertical',
      justifyContent: 'center',
      spacing: 'md',
      contents: [
        text(en ? `${more} more` : `還有 ${more} 張`, { weight: 'bold', size: 'xl', align: 'center' }),
        text(en ? 'See them all in your coupons.' : '到我的優惠券查看全部。', {
          size: 'sm',
          color: MUTED,
          align: 'center',
        }),
      ],
    },
    footer: {
      type: 'box',
      layout: 'vertical',
      contents: [linkButton(en ? 'See all' : '查看全部', liffUrl(liffId, 'coupons'), 'secondary')],
    },
  };
}

/** With nothing to use or claim: says so, and points to the rewards catalogue where points buy coupons. */
function nothingMessage(liffId: string, language: Language): messagingApi.FlexMessage {
  const en = language === 'en';
  const line = en ? 'You have no coupons to use right now.' : '目前沒有可用的優惠券。';
  return bubbleMessage(
    line,
    en ? 'My coupons' : '我的優惠券',
    [
      text(line, { weight: 'bold' }),
      note(
        en
          ? 'Exchange your points for a coupon, and watch for the coupons we send you.'
          : '可以用點數兌換優惠券，也請留意我們送出的優惠。',
      ),
    ],
    [linkButton(en ? 'Use points for coupons' : '點數兌換優惠券', liffUrl(liffId, 'rewards'))],
    LINE_GREEN,
  );
}

/**
 * The answer to 優惠券 and the rich menu's coupons: a carousel of the member's usable coupons, soonest to expire
 * first, then, if room is left, the offers they can still claim, newest first; at most 12 bubbles, the last one
 * "查看全部" to the wallet when there are more. With nothing to show, one bubble that says so and opens the
 * rewards catalogue.
 */
export function couponsMessage(
  { coupons, offers }: { coupons: CouponCardView[]; offers: CouponOfferView[] },
  liffId: string,
  language: Language,
): messagingApi.FlexMessage {
  const en = language === 'en';
  const all = [
    ...coupons.map((coupon) => heldBubble(coupon, liffId, language)),
    ...offers.map((offer) => offerBubble(offer, liffId, language)),
  ];
  if (all.length === 0) return nothingMessage(liffId, language);
  const shown = all.length > CAROUSEL_MAX ? all.slice(0, CAROUSEL_MAX - 1) : all;
  const bubbles =
    shown.length < all.length ? [...shown, moreBubble(all.length - shown.length, liffId, language)] : shown;
  const altText =
    coupons.length > 0
      ? en
        ? `You have ${coupons.length} coupon${coupons.length === 1 ? '' : 's'} to use.`
        : `您有 ${coupons.length} 張可用的優惠券。`
      : en
        ? `${offers.length} coupon${offers.length === 1 ? '' : 's'} for you to claim.`
        : `有 ${offers.length} 張優惠券可以領取。`;
  return { type: 'flex', altText, contents: { type: 'carousel', contents: bubbles } };
}
