import type { FastifyBaseLogger } from 'fastify';
import type { Engine } from '../db/engine.ts';
import type { Clock } from './domain/clock.ts';
import { runDailyPointsJob } from './domain/daily-points-job.ts';
import { rollDashboard } from './domain/dashboard/rollup.ts';
import { takeSnapshot } from './domain/dashboard/snapshot.ts';
import { claimJobRun, settleJobRun } from './domain/job-runs.ts';
import { SCHEDULE_LOOK_MS } from './domain/journeys/next-run.ts';
import { runJourneys } from './domain/journeys/runs.ts';
import { addNewMembersToFacts } from './domain/segments/facts.ts';
import { TAIPEI_MS } from './domain/taipei-time.ts';

/** The daily points job runs at 00:30 in Taipei: just after points that lasted to the end of a day expire. */
const RUN_AT_TAIPEI_MINUTES = 30;
const DAY_MS = 24 * 3600_000;
/**
 * Every instance looks this often whether the day's run is done, and takes it over from a dead instance; and adds
 * the members who joined since to the segments' facts (ADR 0028). The journeys page tells marketers the same.
 */
const CHECK_MS = SCHEDULE_LOOK_MS;
/** How long a run is held without word from its instance, which renews it a few times within. */
const LEASE_MS = 5 * 60_000;

/** Milliseconds from `now` to the next 00:30 in Asia/Taipei. */
export function untilNextRun(now: Date): number {
  const taipei = now.getTime() + TAIPEI_MS;
  const todaysRun = Math.floor(taipei / DAY_MS) * DAY_MS + RUN_AT_TAIPEI_MINUTES * 60_000;
  return (todaysRun > taipei ? todaysRun : todaysRun + DAY_MS) - taipei;
}

/** The Taipei date of the latest run due at `now` (yesterday's before 00:30): the run's key. */
export function dueRunKey(now: Date): string {
  return new Date(now.getTime() + TAIPEI_MS - RUN_AT_TAIPEI_MINUTES * 60_000).toISOString().slice(0, 10);
}

/**
 * The schedule every instance keeps: the daily points job (expiry, reminders, tier reviews) runs once a day
 * across all instances. At start (to catch up on a run missed while every instance was down), at 00:30 Taipei and
 * every five minutes, each instance tries to claim the day's run (bot/domain/job-runs.ts); one gets it, runs it
 * under a lease it renews, and marks it finished. If it dies, another takes the run over once the lease lapses. The
 * job is idempotent, so `npm run points:expire` by hand beside it does no harm.
 */
export function startDailyJobs(ctx: {
  engine: Engine;
  clock: Clock;
  log: FastifyBaseLogger;
  worker: string;
}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let stopped = false;

  async function runIfDue(): Promise<void> {
    const run = { name: 'daily_points', runKey: dueRunKey(ctx.clock.now()), worker: ctx.worker };
    const hold = () => claimJobRun(ctx.engine, { ...run, now: ctx.clock.now(), leaseMs: LEASE_MS });
    if (!(await hold())) return;
    const renewing = setInterval(() => void hold().catch(() => {}), LEASE_MS / 3);
    try {
      const result = await runDailyPointsJob(ctx.engine, ctx.clock.now());
      await settleJobRun(
        ctx.engine,
        { ...run, now: ctx.clock.now() },
        { finished: true, result: { ...result } },
      );
      ctx.log.info({ ...result, runKey: run.runKey }, 'daily points job done');
      ctx.engine.signal('expiry_reminders');
      ctx.engine.signal('member_notices');
    } catch (error) {
      await settleJobRun(ctx.engine, { ...run, now: ctx.clock.now() }, { finished: false }).catch(() => {});
      ctx.log.error({ err: error, runKey: run.runKey }, 'daily points job failed');
    } finally {
      clearInterval(renewing);
    }
  }

  /** Members who joined since are added to the segments' facts, so that today's joiners are in today's counts. */
  async function addNewMembers(): Promise<void> {
    const added = await addNewMembersToFacts(ctx.engine);
    if (added > 0) ctx.log.info({ added }, 'new members added to the segment facts');
  }

  /** The dashboard's rollup takes in what was committed since, and its morning snapshot once a day (ADR 0034). */
  async function keepDashboard(): Promise<void> {
    await rollDashboard(ctx.engine, ctx.clock.now());
    if (await takeSnapshot(ctx.engine, ctx.clock.now())) ctx.log.info('dashboard snapshot taken');
  }

  /** Each journey's run of the Taipei day, once across instances: its campaign is the sender's (ADR 0035). */
  async function runJourneysOfDay(): Promise<void> {
    for (const run of await runJourneys(ctx.engine, { worker: ctx.worker, now: ctx.clock.now() }))
      if (run.campaignId) ctx.log.info({ ...run }, 'journey campaign of the day started');
  }

  const tick = () => {
    if (stopped) return;
    running ??= runIfDue()
      .catch((error: unknown) => ctx.log.error({ err: error }, 'daily points job could not be claimed'))
      .then(runJourneysOfDay)
      .catch((error: unknown) => ctx.log.error({ err: error }, 'the journeys of the day did not run'))
      .then(addNewMembers)
      .catch((error: unknown) => ctx.log.error({ err: error }, 'new members were not added to the facts'))
      .then(keepDashboard)
      .catch((error: unknown) => ctx.log.error({ err: error }, 'the dashboard rollup stopped'))
      .finally(() => {
        running = null;
      });
    timer = setTimeout(tick, Math.min(CHECK_MS, untilNextRun(ctx.clock.now())));
  };
  timer = setTimeout(tick, 0);
  return {
    /** Schedules no more runs; resolves once a run in progress is done, so that the engine can be closed. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
