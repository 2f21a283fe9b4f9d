import type { messagingApi } from '@line/bot-sdk';
import type { CouponOfferView } from '../../domain/coupon-wallet.ts';
import type { Language } from '../messages.ts';
import { couponBubble, couponFacts, inLanguage } from './coupon-words.ts';
import { liffUrl, linkButton, MUTED, text } from './parts.ts';

/** The terms in two short lines under an offer: the whole text (up to 2,000 characters) waits on the page the
 * button opens, and a carousel of whole terms could pass LINE's 50 KB. */
const TERMS_LINES = 2;
const TERMS_SHOWN = 60;

const shortened = (words: string) => {
  const letters = [...words];
  return letters.length <= TERMS_SHOWN ? words : `${letters.slice(0, TERMS_SHOWN - 1).join('')}…`;
};

/**
 * Where a member claims a template's coupon: the wallet opens at the claim (issue 13's contracts); from a
 * campaign, with its click token (`&c=`), so the member app records the click and the claim is the campaign's.
 */
export const claimUrl = (liffId: string, templateId: number, click?: string) =>
  liffUrl(liffId, 'coupons', { claim: templateId, ...(click && { c: click }) });

/** An offer's bubble: the coupon's face, a lottery's odds, the start of its terms and a 領取 button. */
export function offerBubble(
  offer: CouponOfferView,
  liffId: string,
  language: Language,
  click?: string,
): messagingApi.FlexBubble {
  const en = language === 'en';
  const odds =
    offer.lotteryWinPercent === null
      ? []
      : [
          text(
            en ? `A draw: ${offer.lotteryWinPercent}% win` : `抽獎領取，中獎機率 ${offer.lotteryWinPercent}%`,
            {
              size: 'sm',
              weight: 'bold',
            },
          ),
        ];
  const terms = text(shortened(inLanguage(offer.terms, offer.termsEn, language)), {
    size: 'xs',
    color: MUTED,
    maxLines: TERMS_LINES,
  });
  return couponBubble(
    offer,
    [...couponFacts(offer, offer, language), ...odds, terms],
    linkButton(en ? 'Claim' : '領取', claimUrl(liffId, offer.templateId, click)),
    language,
  );
}

/**
 * One offer as a message of its own: what a campaign pushes (issue 14) and what the 優惠券 carousel shows
 * beside the coupons held. Its 領取 button opens the claim in the member mini-app, where the claim is made with
 * the member's own ID token, so a forwarded message claims nothing for anyone else.
 */
export function couponOfferMessage(
  offer: CouponOfferView,
  liffId: string,
  language: Language,
  click?: string,
): messagingApi.FlexMessage {
  const title = inLanguage(offer.title, offer.titleEn, language);
  return {
    type: 'flex',
    altText: language === 'en' ? `A coupon for you: ${title}` : `送您一張優惠券：${title}`,
    contents: offerBubble(offer, liffId, language, click),
  };
}
