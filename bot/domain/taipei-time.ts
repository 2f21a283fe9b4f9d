/** Asia/Taipei is UTC+8 all year: no daylight saving, so a fixed offset is exact. */
export const TAIPEI_MS = 8 * 3600_000;

/** The date in Taipei (YYYY-MM-DD) of an instant: a "day" for voids, reports and reminders. */
export const taipeiDate = (at: Date) => new Date(at.getTime() + TAIPEI_MS).toISOString().slice(0, 10);

/** The day of the week in Taipei, 0 = Sunday. */
export const taipeiWeekday = (at: Date) => new Date(at.getTime() + TAIPEI_MS).getUTCDay();
