import type { messagingApi } from '@line/bot-sdk';
import { lastValidDay as lastValidDate } from '../../domain/expiry.ts';
import type { Language } from '../messages.ts';

/** LINE's brand green: the colour shoppers know from LINE's own buttons. */
export const LINE_GREEN = '#06C755';
/** Grey for what is said beside the main words: a label, a date, the fine print. */
export const MUTED = '#888888';

/** The member mini-app's pages (`liff-app/src/app/member/router.ts` reads `?page=`). */
export type LiffPage = 'card' | 'points' | 'tier' | 'profile' | 'join' | 'coupons' | 'rewards';

/**
 * A LIFF URL opens the mini-app inside LINE; LINE passes its query on to the endpoint URL through `liff.state`.
 * `params` add to `page` what the page opens at (`?page=coupons&coupon=42`), encoded.
 * https://developers.line.biz/en/docs/liff/opening-liff-app/
 */
export function liffUrl(
  liffId: string,
  page?: LiffPage,
  params: Record<string, string | number> = {},
): string {
  const query = new URLSearchParams(page ? { page } : {});
  for (const [name, value] of Object.entries(params)) query.set(name, String(value));
  const search = query.toString();
  return `https://liff.line.me/${liffId}${search ? `?${search}` : ''}`;
}

export const text = (value: string, extra: Partial<messagingApi.FlexText> = {}): messagingApi.FlexText => ({
  type: 'text',
  text: value,
  wrap: true,
  ...extra,
});

/** A label on the left and its value on the right, as on a receipt. */
export const labelled = (
  label: string,
  value: string,
  extra: Partial<messagingApi.FlexText> = {},
): messagingApi.FlexBox => ({
  type: 'box',
  layout: 'baseline',
  spacing: 'sm',
  contents: [
    text(label, { color: MUTED, size: 'sm', flex: 2 }),
    text(value, { weight: 'bold', flex: 5, ...extra }),
  ],
});

export const note = (value: string) => text(value, { size: 'sm', color: '#555555' });

export function linkButton(
  label: string,
  uri: string,
  style: 'primary' | 'secondary' | 'link' = 'primary',
): messagingApi.FlexButton {
  return {
    type: 'button',
    style,
    ...(style === 'primary' && { color: LINE_GREEN }),
    action: { type: 'uri', label, uri },
  };
}

export const openCardButton = (liffId: string, language: Language) =>
  linkButton(language === 'en' ? 'Open my card' : '打開會員卡', liffUrl(liffId, 'card'));

/** One bubble: a coloured heading, the body, and the buttons under it. */
export function bubbleMessage(
  altText: string,
  heading: string,
  body: messagingApi.FlexComponent[],
  buttons: messagingApi.FlexButton[],
  headingColour = LINE_GREEN,
): messagingApi.FlexMessage {
  return {
    type: 'flex',
    altText,
    contents: {
      type: 'bubble',
      header: {
        type: 'box',
        layout: 'vertical',
        backgroundColor: headingColour,
        paddingAll: '16px',
        contents: [text(heading, { color: '#FFFFFF', weight: 'bold', size: 'lg' })],
      },
      body: { type: 'box', layout: 'vertical', spacing: 'md', contents: body },
      footer: { type: 'box', layout: 'vertical', spacing: 'sm', contents: buttons },
    },
  };
}

/** Points read with a thousands separator in both languages: 1,234. */
export const formatPoints = (points: number) => points.toLocaleString('en-US');

/** Whole NT$, as receipts print it: NT$1,280. */
export const money = (amount: number) => `NT$${formatPoints(amount)}`;

/** The last day something is valid, in Taiwan, as the domain decides it (bot/domain/expiry.ts): "2026/12/31". */
export const lastValidDay = (expiresAt: Date | string) =>
  lastValidDate(new Date(expiresAt)).replaceAll('-', '/');
