import { type Locale, locale, textsIn } from './i18n.ts';

/** The console's and the counter's texts (English: translations/staff-en.ts). */
export const staffI18n = textsIn(async () => (await import('../translations/staff-en.ts')).staffEn);
/** The counter's camera (English: translations/scanner-en.ts, loaded when the clerk first scans). */
export const scannerI18n = textsIn(async () => (await import('../translations/scanner-en.ts')).scannerEn);

const LANGUAGE_KEY = 'staff-console-language';

/** Staff choose the language with the switch in the header, remembered on this browser; shoppers get LINE's. */
export function restoreLanguage() {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  if (saved === 'en' || saved === 'zh-TW') locale.set(saved);
}

export function chooseLanguage(language: Locale) {
  localStorage.setItem(LANGUAGE_KEY, language);
  locale.set(language);
}
