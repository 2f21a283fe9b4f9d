import type { messagingApi } from '@line/bot-sdk';
import type { CampaignMessage } from '../../../db/schema/campaign-message.ts';
import type { CouponOfferView } from '../../domain/coupon-wallet.ts';
import type { Language } from '../messages.ts';
import { couponOfferMessage } from './coupon-offer.ts';
import { linkButton, text } from './parts.ts';

/** LINE's limit on a Flex message's altText. */
const ALT_TEXT_MAX = 400;

const clipped = (words: string, max: number) => {
  const letters = [...words];
  return letters.length <= max ? words : `${letters.slice(0, max - 1).join('')}…`;
};

/** An announcement: hero image, title, text, and a button to the link (through the click redirect). */
function announcementMessage(
  message: Extract<CampaignMessage, { kind: 'announcement' }>,
  language: Language,
  clickUrl: string | undefined,
): messagingApi.FlexMessage {
  const words = language === 'en' ? message.en : message.zh;
  const url = clickUrl ?? message.buttonUrl;
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
 * the coupon's offer (a CouponOfferView of the template) and the click URL are looked up by the caller.
 */
export function campaignMessages(
  message: CampaignMessage,
  language: Language,
  ctx: { liffId: string; offer?: CouponOfferView; clickUrl?: string },
): messagingApi.Message[] {
  const en = language === 'en';
  switch (message.kind) {
    case 'text':
      return [{ type: 'text', text: en ? message.en.text : message.zh.text }];
    case 'announcement':
      return [announcementMessage(message, language, ctx.clickUrl)];
    case 'coupon': {
      if (!ctx.offer)
        throw new Error(`campaignMessages: the offer of template ${message.templateId} is needed`);
      const intro = (en ? message.en.intro : message.zh.intro).trim();
      const card = couponOfferMessage(ctx.offer, ctx.liffId, language);
      return intro ? [{ type: 'text', text: intro }, card] : [card];
    }
  }
}
