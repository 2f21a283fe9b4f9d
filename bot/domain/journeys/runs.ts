// A journey's daily run (ADR 0035): claimed as job run `journey` / `<kind>:<Taipei date>` (ADR 17), it enters the
// day's members in one transaction with ONE campaign of the day, already started (`freezing`), so opt-in,
// fatigue, quiet hours, holdout, batches, retry keys and results are the campaigns' own (ADR 29).
import { eq } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import { JOURNEY_KINDS, type JourneyKind } from '../../../db/schema/journeys.ts';
import { campaigns, journeyEntries } from '../../../db/schema.ts';
import { aggregationUnitOf, checkedFields } from '../campaigns/campaigns.ts';
import { sendingRules, sendingTime } from '../campaigns/quiet-hours.ts';
import { marketingSettingsIn } from '../campaigns/settings.ts';
import { DomainError } from '../errors.ts';
import { claimJobRun, settleJobRun } from '../job-runs.ts';
import { taipeiDate } from '../taipei-time.ts';
import { entrantsOn, notYetEntered } from './conditions.ts';
import { journeyIn, journeyNames } from './journeys.ts';

const LEASE_MS = 5 * 60_000;

/** What a run did: the campaign of the day and how many entered, or why it sent nothing. */
export interface JourneyRun {
  kind: JourneyKind;
  day: string;
  campaignId: number | null;
  entered: number;
  /** `off`, or the code of the message's problem (a coupon switched off since, say). */
  skipped?: string;
}

/**
 * Runs one journey for the Taipei day of `now`, once: null when another instance holds the run or it is done.
 * A run stopped half-way commits nothing and is run again; entries already made are never made twice. A run
 * that skipped (journey off, coupon off) is not done: the schedule's next look (every five minutes) tries again.
 */
export async function runJourney(
  engine: Engine,
  kind: JourneyKind,
  work: { worker: string; now: Date },
): Promise<JourneyRun | null> {
  const day = taipeiDate(work.now);
  const run = { name: 'journey', runKey: `${kind}:${day}`, worker: work.worker };
  if (!(await claimJobRun(engine, { ...run, now: work.now, leaseMs: LEASE_MS }))) return null;
  try {
    const outcome = await enter(engine, kind, day, work.now);
    // A journey off (or its coupon off) lets the day's run go: switched on later that day, it runs then.
    const settled = outcome.skipped
      ? { finished: false as const }
      : { finished: true as const, result: { ...outcome } };
    await settleJobRun(engine, { ...run, now: work.now }, settled);
    return outcome;
  } catch (error) {
    await settleJobRun(engine, { ...run, now: work.now }, { finished: false }).catch(() => {});
    throw error;
  }
}

/** Every journey's run of the day, in order (the daily schedule calls it after the points job). */
export async function runJourneys(
  engine: Engine,
  work: { worker: string; now: Date },
): Promise<JourneyRun[]> {
  const done: JourneyRun[] = [];
  for (const kind of JOURNEY_KINDS) {
    const outcome = await runJourney(engine, kind, work);
    if (outcome) done.push(outcome);
  }
  return done;
}

function enter(engine: Engine, kind: JourneyKind, day: string, now: Date): Promise<JourneyRun> {
  return engine.write(async (tx) => {
    const journey = await journeyIn(tx, kind);
    if (!journey.enabled) return { kind, day, campaignId: null, entered: 0, skipped: 'off' };
    try {
      await checkedFields(tx, { message: journey.message }, now);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const fields = (error.details as { fields?: Record<string, string> } | undefined)?.fields;
      const skipped = fields ? Object.values(fields)[0]! : error.code;
      return { kind, day, campaignId: null, entered: 0, skipped };
    }
    const due = await notYetEntered(tx, kind, await entrantsOn(tx, kind, day, journey.delayDays, now));
    if (due.length === 0) return { kind, day, campaignId: null, entered: 0 };
    const settings = await marketingSettingsIn(tx);
    const sendAt = sendingTime(null, now, await sendingRules(tx));
    const [draft] = await tx
      .insert(campaigns)
      .values({
        name: `${journeyNames[kind].zh} ${day}`,
        segmentId: null,
        // Never read for a journey's campaign: the freeze takes its entrants (entrants.ts).
        rules: { all: [{ field: 'marketingOptIn', value: true }] },
        message: journey.message,
        status: 'freezing',
        scheduledAt: sendAt > now ? sendAt : null,
        aggregationUnit: 'pending',
        holdoutPercent: settings.holdoutPercent,
        createdBy: null,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: campaigns.id });
    const campaignId = draft!.id;
    await tx
      .update(campaigns)
      .set({ aggregationUnit: aggregationUnitOf(campaignId, now) })
      .where(eq(campaigns.id, campaignId));
    for (let i = 0; i < due.length; i += 500) {
      const rows = due.slice(i, i + 500).map((e) => ({ journey: kind, ...e, campaignId, enteredOn: day }));
      await tx.insert(journeyEntries).values(rows);
    }
    return { kind, day, campaignId, entered: due.length };
  });
}
