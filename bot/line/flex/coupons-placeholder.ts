import type { messagingApi } from '@line/bot-sdk';
import type { Language } from '../messages.ts';
import { bubbleMessage, note, openCardButton, text } from './parts.ts';

/** The answer to 優惠券 until coupons arrive (a later issue): nothing to use yet, and the card meanwhile. */
export function couponsPlaceholderMessage(liffId: string, language: Language): messagingApi.FlexMessage {
  const en = language === 'en';
  return bubbleMessage(
    en ? 'You have no coupons to use right now.' : '目前沒有可用的優惠券。',
    en ? 'My coupons' : '我的優惠券',
    [
      text(en ? 'You have no coupons to use right now.' : '目前沒有可用的優惠券', { weight: 'bold' }),
      note(
        en
          ? 'Coupons we send you will appear here. Keep collecting points with your member card!'
          : '收到的優惠券會顯示在這裡。結帳時出示會員卡,繼續累積點數吧!',
      ),
    ],
    [openCardButton(liffId, language)],
  );
}
