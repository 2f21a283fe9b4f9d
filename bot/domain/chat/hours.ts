import { asc, eq, isNull } from 'drizzle-orm';
import type { Tx } from '../../../db/engine.ts';
import { businessHours } from '../../../db/schema.ts';
import { TAIPEI_MS } from '../taipei-time.ts';

/** One opening of a Taipei weekday (0 Sunday): 'HH:MM' to 'HH:MM'; a close at or before the opening is the next day's. */
export interface Opening {
  weekday: number;
  opens: string;
  closes: string;
}

const DAY_MS = 86_400_000;
const minutesOf = (hhmm: string) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
};

/** The openings around `at` (the week before it and the day after) as instants. */
function openingsAround(hours: Opening[], at: Date): { start: number; end: number }[] {
  const taipeiMidnight = Math.floor((at.getTime() + TAIPEI_MS) / DAY_MS) * DAY_MS - TAIPEI_MS;
  const spans: { start: number; end: number }[] = [];
  for (let day = -8; day <= 1; day++) {
    const midnight = taipeiMidnight + day * DAY_MS;
    const weekday = new Date(midnight + TAIPEI_MS).getUTCDay();
    for (const opening of hours.filter((h) => h.weekday === weekday)) {
      const opens = minutesOf(opening.opens);
      let closes = minutesOf(opening.closes);
      if (closes <= opens) closes += 24 * 60;
      spans.push({ start: midnight + opens * 60_000, end: midnight + closes * 60_000 });
    }
  }
  return spans;
}

/**
 * When the current closed period began (the last closing before `at`), or null while open. Hours with no row at
 * all never close: a brand that has set none has staff answer at any time.
 */
export function closedSince(hours: Opening[], at: Date): Date | null {
  if (hours.length === 0) return null;
  const now = at.getTime();
  const spans = openingsAround(hours, at);
  if (spans.some((span) => span.start <= now && now < span.end)) return null;
  const ended = spans.filter((span) => span.end <= now).map((span) => span.end);
  return new Date(ended.length > 0 ? Math.max(...ended) : now - 8 * DAY_MS);
}

/** A store's own hours when it has any, else the brand's. */
export async function hoursOf(tx: Tx, storeId: number | null): Promise<Opening[]> {
  const columns = {
    weekday: businessHours.weekday,
    opens: businessHours.opens,
    closes: businessHours.closes,
  };
  if (storeId !== null) {
    const own = await tx
      .select(columns)
      .from(businessHours)
      .where(eq(businessHours.storeId, storeId))
      .orderBy(asc(businessHours.id));
    if (own.length > 0) return own;
  }
  return await tx
    .select(columns)
    .from(businessHours)
    .where(isNull(businessHours.storeId))
    .orderBy(asc(businessHours.id));
}
