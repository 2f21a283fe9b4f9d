import type { messagingApi } from '@line/bot-sdk';
import type { Language } from '../messages.ts';
import { bubbleMessage, liffUrl, linkButton, note, text } from './parts.ts';

/**
 * The answer to a friend who asks for the card, points or coupons before joining. Shoppers who joined at a
 * shop (imported memberships) claim theirs from the same page, so the invitation says so.
 */
export function joinInvitationMessage(liffId: string, language: Language): messagingApi.FlexMessage {
  const en = language === 'en';
  return bubbleMessage(
    en ? 'Join our membership to collect points and receive coupons.' : '加入會員即可累積點數、領取優惠券。',
    en ? 'Join the membership' : '加入會員',
    [
      text(
        en
          ? 'Join our membership to collect points and receive coupons.'
          : '加入會員即可累積點數、領取優惠券。',
        { weight: 'bold' },
      ),
      note(
        en
          ? 'Already a member at one of our shops? Open the page and link your membership with your phone number and birthday.'
          : '已在門市加入會員?打開後輸入手機號碼與生日即可綁定。',
      ),
    ],
    [linkButton(en ? 'Join now' : '立即加入會員', liffUrl(liffId, 'join'))],
  );
}
