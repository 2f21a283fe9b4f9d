import { createI18n, params } from '@nanostores/i18n';

export { params };

import { atom } from 'nanostores';

/**
 * Texts live beside the component that shows them (`i18n('card', {...})`) in zh-TW, the base; English is
 * one lazily loaded chunk (translations/en.ts), downloaded only by shoppers whose LINE speaks English.
 */
export type Locale = 'zh-TW' | 'en';

export const locale = atom<Locale>('zh-TW');

export const i18n = createI18n(locale, {
  baseLocale: 'zh-TW',
  get: async () => (await import('../translations/en.ts')).en,
});

const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 1,200 */
export const formatPoints = (points: number) => numbers.format(points);

/** A tier's name in the shown language. */
export const tierName = (tier: { name: string; nameEn: string }) =>
  locale.get() === 'en' ? tier.nameEn : tier.name;
