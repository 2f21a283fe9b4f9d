// When each journey runs next and when its messages may go (ADR 0035), so the console can say it in Taipei time: a
// marketer who switches a journey on should not wait for a run they cannot see coming.
import { and, eq, inArray } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { JOURNEY_KINDS, type JourneyKind } from '../../../db/schema/journeys.ts';
import { jobRuns } from '../../../db/schema.ts';
import type { Actor } from '../actor.ts';
import { quietHoursEnd, sendingRules } from '../campaigns/quiet-hours.ts';
import { ensureCan } from '../permissions.ts';
import { taipeiDate } from '../taipei-time.ts';
import { addDays, taipeiDayStart } from './conditions.ts';

/** How often the schedule looks (bot/daily-jobs.ts): every instance, every five minutes, runs what is due. */
export const SCHEDULE_LOOK_MS = 5 * 60_000;

export interface NextRun {
  /** This Taipei day's run is done (the journey was on when the schedule looked): the next is tomorrow's. */
  ranToday: boolean;
  /** By when the schedule runs the journey next, if it is on: its next look, or tomorrow's first. */
  by: Date;
  /** When that run's messages may start: `by`, or the end of the quiet hours holding it. */
  sendsFrom: Date;
}

/**
 * Each journey's next run as of `now`. A run that found the journey off is not done (runs.ts), so a journey
 * switched on runs today's pass at the schedule's next look, within five minutes; one whose day is done runs
 * again in the first look after midnight, Taipei time.
 */
export async function nextRuns(tx: Tx, now: Date): Promise<Record<JourneyKind, NextRun>> {
  const today = taipeiDate(now);
  const keys = JOURNEY_KINDS.map((kind) => `${kind}:${today}`);
  const done = await tx
    .select({ runKey: jobRuns.runKey, finishedAt: jobRuns.finishedAt })
    .from(jobRuns)
    .where(and(eq(jobRuns.name, 'journey'), inArray(jobRuns.runKey, keys)));
  const finished = new Set(done.filter((r) => r.finishedAt !== null).map((r) => r.runKey));
  const rules = await sendingRules(tx);
  const tomorrow = new Date(taipeiDayStart(addDays(today, 1)).getTime() + SCHEDULE_LOOK_MS);
  const soon = new Date(now.getTime() + SCHEDULE_LOOK_MS);
  const runs = {} as Record<JourneyKind, NextRun>;
  for (const kind of JOURNEY_KINDS) {
    const ranToday = finished.has(`${kind}:${today}`);
    const by = ranToday ? tomorrow : soon;
    runs[kind] = { ranToday, by, sendsFrom: quietHoursEnd(by, rules) ?? by };
  }
  return runs;
}

/** The journeys' next runs for whoever reads the journeys (campaign.read). */
export async function journeySchedule(
  engine: Engine,
  actor: Actor,
  now: Date,
): Promise<Record<JourneyKind, NextRun>> {
  ensureCan(actor, 'campaign.read');
  return engine.read((tx) => nextRuns(tx, now));
}
