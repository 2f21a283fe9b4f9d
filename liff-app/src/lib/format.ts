import { formatPoints, type Locale, locale } from './i18n.ts';

/** Dates and money, shown by the pages past the card: kept out of the card's chunk (ADR 10). */

const TAIPEI = 'Asia/Taipei';

/** NT$1,200: whole New Taiwan dollars. */
export const formatMoney = (dollars: number) => `NT$${formatPoints(dollars)}`;

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

const timeFormat = (current: Locale) =>
  new Intl.DateTimeFormat(current === 'en' ? 'en-GB' : 'zh-TW', {
    timeZone: TAIPEI,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });

/** 14:05, in Taipei: when a lockout ends. */
export const formatTime = (iso: string) => timeFormat(locale.get()).format(new Date(iso));
