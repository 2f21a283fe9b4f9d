import { createI18n } from '@nanostores/i18n';
import { type Locale, locale } from '../lib/i18n.ts';

export { params } from '@nanostores/i18n';

/**
 * The staff console's texts: zh-TW beside the components, English in its own chunk (translations/en.ts), apart
 * from the member app's so neither downloads the other's. The language is the shared `locale` atom; staff choose
 * it with the switch in the header, remembered on this browser.
 */
export const staffI18n = createI18n(locale, {
  baseLocale: 'zh-TW',
  get: async () => (await import('./translations/en.ts')).staffEn,
});

const LANGUAGE_KEY = 'staff-console-language';

export function restoreLanguage() {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  if (saved === 'en' || saved === 'zh-TW') locale.set(saved);
}

export function chooseLanguage(language: Locale) {
  localStorage.setItem(LANGUAGE_KEY, language);
  locale.set(language);
}

const time = (language: Locale) =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-TW', {
    timeZone: 'Asia/Taipei',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });

/** 14:05, in Taipei: when a lockout ends. */
export const formatTime = (iso: string) => time(locale.get()).format(new Date(iso));
