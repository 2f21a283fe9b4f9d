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

/** LINE's language tag (en, en-US, zh-TW, ja ...) to ours: English when it says so, zh-TW otherwise. */
export const localeOf = (tag: string | null | undefined): Locale =>
  tag?.toLowerCase().startsWith('en') ? 'en' : 'zh-TW';

const TAIPEI = 'Asia/Taipei';
const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 1,200 */
export const formatPoints = (points: number) => numbers.format(points);
/** NT$1,200: whole New Taiwan dollars. */
export const formatMoney = (dollars: number) => `NT$${numbers.format(dollars)}`;

const dateFormat = (current: Locale, withTime: boolean) =>
  new Intl.DateTimeFormat(current === 'en' ? 'en-CA' : 'zh-TW', {
    timeZone: TAIPEI,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(withTime && { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  });

/** A date in Taipei: 2026/11/05 (zh-TW) or 2026-11-05 (en). */
export const formatDate = (iso: string | number | Date) =>
  dateFormat(locale.get(), false).format(new Date(iso));
/** A date and time in Taipei, 24-hour. */
export const formatDateTime = (iso: string | number | Date) =>
  dateFormat(locale.get(), true).format(new Date(iso));

/** A tier's name in the shown language. */
export const tierName = (tier: { name: string; nameEn: string }) =>
  locale.get() === 'en' ? tier.nameEn : tier.name;
