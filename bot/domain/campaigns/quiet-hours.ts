import { eq } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { marketingSettings } from '../../../db/schema.ts';
import { TAIPEI_MS } from '../taipei-time.ts';

/** The brand's rules for marketing pushes that the sender reads; the schema's defaults when none are saved. */
export interface SendingRules {
  weeklyLimit: number;
  quietStart: string;
  quietEnd: string;
  requestsPerSecond: number;
}

const DEFAULT_RULES: SendingRules = {
  weeklyLimit: 2,
  quietStart: '22:00',
  quietEnd: '09:00',
  requestsPerSecond: 200,
};

/** The marketing settings' row (id 1), or LINE's and the schema's defaults before an admin saved any. */
export async function sendingRules(tx: Tx): Promise<SendingRules> {
  const [row] = await tx.select().from(marketingSettings).where(eq(marketingSettings.id, 1));
  if (!row) return DEFAULT_RULES;
  const { weeklyLimit, quietStart, quietEnd, requestsPerSecond } = row;
  return { weeklyLimit, quietStart, quietEnd, requestsPerSecond };
}

const DAY = 86_400_000;
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * When the quiet hours holding `at` end (Taipei time), or null when `at` is outside them. Quiet hours may run over
 * midnight (22:00–09:00); equal start and end mean none.
 */
export function quietHoursEnd(at: Date, rules: Pick<SendingRules, 'quietStart' | 'quietEnd'>): Date | null {
  const start = minutesOf(rules.quietStart);
  const end = minutesOf(rules.quietEnd);
  if (start === end) return null;
  const local = at.getTime() + TAIPEI_MS;
  const dayStart = local - (((local % DAY) + DAY) % DAY);
  const minute = (local - dayStart) / 60_000;
  const quiet = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (!quiet) return null;
  let endsAt = dayStart + end * 60_000;
  if (endsAt <= local) endsAt += DAY;
  return new Date(endsAt - TAIPEI_MS);
}

/** When a push asked for `wanted` (null: now) may start: not before now, and never in quiet hours. */
export function sendingTime(wanted: Date | null, now: Date, rules: SendingRules): Date {
  const at = wanted && wanted > now ? wanted : now;
  return quietHoursEnd(at, rules) ?? at;
}

/**
 * When the brand's quiet hours holding `now` end, or null outside them: reminders a member opted in to (points and
 * coupons about to expire) wait for them as marketing pushes do, though the daily job queues them at 00:30.
 */
export const quietUntil = async (engine: Engine, now: Date): Promise<Date | null> =>
  quietHoursEnd(now, await engine.read(sendingRules));
