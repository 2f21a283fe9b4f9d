import type { messagingApi } from '@line/bot-sdk';
import type { MemberView } from '../../schemas/liff-api.ts';
import type { Language } from '../messages.ts';

const LINE_GREEN = '#06C755';

/** The member card's LIFF URL: LINE opens the mini-app inside the chat. */
export const liffUrl = (liffId: string, page = '') => `https://liff.line.me/${liffId}${page}`;

/** A Flex bubble that sums up the new member's card: name, tier, points, and a button that opens the card. */
export function memberWelcomeMessage(
  member: MemberView,
  liffId: string,
  language: Language,
): messagingApi.FlexMessage {
  const en = language === 'en';
  const text = (value: string, extra: Partial<messagingApi.FlexText> = {}): messagingApi.FlexText => ({
    type: 'text',
    text: value,
    ...extra,
  });
  return {
    type: 'flex',
    altText: en
      ? `Welcome, ${member.name}! Your member card is ready.`
      : `${member.name},歡迎加入會員!您的會員卡已開通。`,
    contents: {
      type: 'bubble',
      header: {
        type: 'box',
        layout: 'vertical',
        backgroundColor: LINE_GREEN,
        paddingAll: '16px',
        contents: [
          text(en ? 'Welcome to the membership' : '歡迎加入會員', {
            color: '#FFFFFF',
            weight: 'bold',
            size: 'lg',
          }),
        ],
      },
      body: {
        type: 'box',
        layout: 'vertical',
        spacing: 'md',
        contents: [
          text(member.name, { weight: 'bold', size: 'xl', wrap: true }),
          {
            type: 'box',
            layout: 'baseline',
            spacing: 'sm',
            contents: [
              text(en ? 'Tier' : '等級', { color: '#888888', size: 'sm', flex: 2 }),
              text(en ? member.tier.nameEn : member.tier.name, {
                color: member.tier.color,
                weight: 'bold',
                flex: 5,
              }),
            ],
          },
          {
            type: 'box',
            layout: 'baseline',
            spacing: 'sm',
            contents: [
              text(en ? 'Points' : '點數', { color: '#888888', size: 'sm', flex: 2 }),
              text(member.pointsBalance.toLocaleString('en-US'), { weight: 'bold', flex: 5 }),
            ],
          },
          { type: 'separator' },
          text(en ? 'Show the card at the counter to collect points.' : '結帳時出示會員卡即可累積點數。', {
            size: 'sm',
            color: '#555555',
            wrap: true,
          }),
        ],
      },
      footer: {
        type: 'box',
        layout: 'vertical',
        contents: [
          {
            type: 'button',
            style: 'primary',
            color: LINE_GREEN,
            action: { type: 'uri', label: en ? 'Open my card' : '打開會員卡', uri: liffUrl(liffId) },
          },
        ],
      },
    },
  };
}
