import type { messagingApi } from '@line/bot-sdk';

type Message = messagingApi.Message;

/** Shoppers read Traditional Chinese first; English when LINE says their language is English. */
export type Language = 'zh-TW' | 'en';

export function languageOf(lineLanguage: string | null | undefined): Language {
  return lineLanguage?.toLowerCase().startsWith('en') ? 'en' : 'zh-TW';
}

const greeting = (name: string | null | undefined, language: Language) => {
  const trimmed = name?.trim();
  if (language === 'en') return trimmed ? `Hi ${trimmed}` : 'Hi';
  return trimmed ? `${trimmed},您好` : '您好';
};

/** The greeting a new friend receives: sent as a (free) reply to the follow event. */
export function welcomeMessage(displayName: string | null | undefined, language: Language): Message {
  const text =
    language === 'en'
      ? `${greeting(displayName, language)}, thanks for adding us! Join our membership from the menu below to collect points and receive coupons.`
      : `${greeting(displayName, language)}!感謝加入好友。點選下方選單加入會員,即可累積點數、領取優惠券。`;
  return { type: 'text', text };
}

/** For a friend who unblocked the account: no second introduction. */
export function welcomeBackMessage(displayName: string | null | undefined, language: Language): Message {
  const text =
    language === 'en'
      ? `${greeting(displayName, language)}, welcome back!`
      : `${greeting(displayName, language)},歡迎回來!`;
  return { type: 'text', text };
}
