import { type ComponentsJSON, createI18n, params } from '@nanostores/i18n';
import { atom } from 'nanostores';

export { params };

/**
 * Every page's texts: zh-TW, the base, beside the component that shows them (`i18n('card', {...})`); English in
 * a lazily loaded chunk under translations/, downloaded only by whoever reads English. One chunk per audience, so
 * a shopper never downloads the staff's texts: `i18n` here for the member app; `staffI18n` and `scannerI18n`
 * (staff-i18n.ts) for the console and the counter, kept apart so the member card's entry carries none of them.
 */
export type Locale = 'zh-TW' | 'en';

export const locale = atom<Locale>('zh-TW');

/** Texts whose English is the chunk `english` loads. */
export const textsIn = (english: () => Promise<ComponentsJSON>) =>
  createI18n(locale, { baseLocale: 'zh-TW', get: english });

// `.then`: Vite wraps `(await import()).en` in a function every entry would carry (ADR 10).
export const i18n = textsIn(() => import('../translations/en.ts').then((chunk) => chunk.en));

const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 1,200 */
export const formatPoints = (points: number) => numbers.format(points);

/** A tier's name in the shown language. */
export const tierName = (tier: { name: string; nameEn: string }) =>
  locale.get() === 'en' ? tier.nameEn : tier.name;
