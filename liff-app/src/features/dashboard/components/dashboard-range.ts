/** The dashboard's periods: Taipei days, YYYY-MM-DD, both ends included (ADR 34). */

const DAY_MS = 86_400_000;
/** The longest period the server reads (bot/domain/dashboard/dashboard.ts, MAX_DAYS). */
export const MOST_DAYS = 366;

export const presets = ['today', 'days7', 'days30', 'days90', 'year'] as const;
export type Preset = (typeof presets)[number];
const lengths: Record<Preset, number> = { today: 1, days7: 7, days30: 30, days90: 90, year: 365 };

export interface Period {
  from: string;
  to: string;
}

const taipeiDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Taipei',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today in Taipei, whatever the browser's own time zone. */
export const taipeiToday = (now: number) => taipeiDay.format(now);

export const addDays = (day: string, days: number) =>
  new Date(Date.parse(day) + days * DAY_MS).toISOString().slice(0, 10);

/** The preset's days ending today: 近 7 天 is today and the six before it. */
export const periodOf = (preset: Preset, today: string): Period => ({
  from: addDays(today, 1 - lengths[preset]),
  to: today,
});

/** Why the server would refuse a chosen period, as its field codes say it, or null when it is fine. */
export function periodProblem({ from, to }: Period): { from?: 'DATE_INVALID'; to?: string } | null {
  const day = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
  if (!day(from)) return { from: 'DATE_INVALID' };
  if (!day(to)) return { to: 'DATE_INVALID' };
  if (to < from || Date.parse(to) - Date.parse(from) >= MOST_DAYS * DAY_MS) return { to: 'RANGE_INVALID' };
  return null;
}
