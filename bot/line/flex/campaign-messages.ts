import type { messagingApi } from '@line/bot-sdk';
import type { CampaignMessage } from '../../../db/schema/campaign-message.ts';
import type { CouponOfferView } from '../../domain/coupon-wallet.ts';
import type { Language } from '../messages.ts';
import { couponOfferMessage } from './coupon-offer.ts';
import { liffUrl, linkButton, text } from './parts.ts';

/** LINE's limit on a Flex message's altText. */
const ALT_TEXT_MAX = 400;

const clipped = (words: string, max: number) => {
  const letters = [...words];
  return letters.length <= max ? words : `${letters.slice(0, max - 1).join('')}…`;
};

/** What a campaign's links carry so that a click is counted for the member who opens it (clicks.ts). */
export interface CampaignClick {
  liffId: string;
  /** The campaign's click token (`clickToken`); without it, links go straight to where they point. */
  token?: string;
}

/**
 * Where an announcement's button goes: the member mini-app with the campaign's token, which records the click for
 * the member and opens the link (`?c=`); straight to the link when there is no token or no LIFF app.
 */
const announcementUrl = (buttonUrl: string | null, click: CampaignClick) =>
  buttonUrl && click.token && click.liffId ? liffUrl(click.liffId, undefined, { c: click.token }) : buttonUrl;

/** An announcement: hero image, title, text, and a button to the link (through the member app's click). */
function announcementMessage(
  message: Extract<CampaignMessage, { kind: 'announcement' }>,
  language: Language,
  click: CampaignClick,
): messagingApi.FlexMessage {
  const words = language === 'en' ? message.en : message.zh;
  const url = announcementUrl(message.buttonUrl, click);
  const button = words.buttonLabel && url ? [linkButton(words.buttonLabel, url)] : [];
  return {
    type: 'flex',
    altText: clipped(`${words.title}：${words.text}`, ALT_TEXT_MAX),
    contents: {
      type: 'bubble',
      ...(message.imageUrl && {
        hero: {
          type: 'image',
          url: message.imageUrl,
          size: 'full',
          aspectRatio: '20:13',
          aspectMode: 'cover',
        },
      }),
      body: {
        type: 'box',
        layout: 'vertical',
        spacing: 'md',
        contents: [text(words.title, { weight: 'bold', size: 'lg' }), text(words.text, { size: 'sm' })],
      },
      ...(button.length > 0 && { footer: { type: 'box', layout: 'vertical', contents: button } }),
    },
  };
}

/**
 * What one recipient of a campaign gets, in their language: a coupon's intro line (if any) and its offer Flex
 * with a 領取 button into the wallet's claim; an announcement's Flex bubble; or plain text. The sender calls it
 * for each batch and the preview for both languages, so what the marketer sees is what LINE is sent. Pure:
 * the coupon's offer (a CouponOfferView of the template) and the campaign's click token are looked up by the
 * caller; with the token, the buttons open the member app, which records the click for the member (clicks.ts).
 */
export function campaignMessages(
  message: CampaignMessage,
  language: Language,
  ctx: CampaignClick & { offer?: CouponOfferView },
): messagingApi.Message[] {
  const en = language === 'en';
  switch (message.kind) {
    case 'text':
      return [{ type: 'text', text: en ? message.en.text : message.zh.text }];
    case 'announcement':
      return [announcementMessage(message, language, ctx)];
    case 'coupon': {
      if (!ctx.offer)
        throw new Error(`campaignMessages: the offer of template ${message.templateId} is needed`);
      const intro = (en ? message.en.intro : message.zh.intro).trim();
      const card = couponOfferMessage(ctx.offer, ctx.liffId, language, ctx.token);
      return intro ? [{ type: 'text', text: intro }, card] : [card];
    }
  }
}
