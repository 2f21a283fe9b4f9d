import { type ComponentsJSON, createI18n, params } from '@nanostores/i18n';
import { atom } from 'nanostores';

export { params };

/**
 * Every page's texts: zh-TW, the base, beside the component that shows them (`i18n('card', {...})`); English in
 * a lazily loaded chunk under translations/, downloaded only by whoever reads English. One chunk per audience, so
 * a shopper never downloads the staff's texts: `i18n` for the member app, `staffI18n` for the console and the
 * counter, `scannerI18n` for the counter's camera (loaded only when the clerk first scans).
 */
export type Locale = 'zh-TW' | 'en';

export const locale = atom<Locale>('zh-TW');

const textsIn = (english: () => Promise<ComponentsJSON>) =>
  createI18n(locale, { baseLocale: 'zh-TW', get: english });

export const i18n = textsIn(async () => (await import('../translations/en.ts')).en);
export const staffI18n = textsIn(async () => (await import('../translations/staff-en.ts')).staffEn);
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

const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 1,200 */
export const formatPoints = (points: number) => numbers.format(points);

/** A tier's name in the shown language. */
export const tierName = (tier: { name: string; nameEn: string }) =>
  locale.get() === 'en' ? tier.nameEn : tier.name;
