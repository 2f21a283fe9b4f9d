// Time as the ledger counts it: milliseconds in UTC, days and the daily job in Asia/Taipei (UTC+8 all year).
export const DAY = 86_400_000;
export const YEAR = 365 * DAY; // as bot/domain/tiers.ts counts the rolling 12 months and the next review
const TAIPEI = 8 * 3600_000;

/** The day in Taipei of an instant, as a number of days since 1970-01-01. */
export const taipeiDay = (at: number) => Math.floor((at + TAIPEI) / DAY);

/** YYMMDD of a day in Taipei, as a purchase reference carries it. */
export const yymmdd = (day: number) => new Date(day * DAY).toISOString().slice(2, 10).replaceAll('-', '');

/** The daily job's run (00:30 Taipei) at or after `at`. */
export function jobAfter(at: number): number {
  const run = taipeiDay(at) * DAY - TAIPEI + 30 * 60_000;
  return run >= at ? run : run + DAY;
}
