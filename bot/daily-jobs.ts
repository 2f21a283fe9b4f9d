import type { FastifyBaseLogger } from 'fastify';
import type { Engine } from '../db/engine.ts';
import type { Clock } from './domain/clock.ts';
import { runDailyPointsJob } from './domain/expiry.ts';

/** The daily points job runs at 00:30 in Taipei: just after points that lasted to the end of a day expire. */
const RUN_AT_TAIPEI_MINUTES = 30;
const DAY_MS = 24 * 3600_000;
const TAIPEI_MS = 8 * 3600_000;
/** Notices queued by another process (npm run points:expire) are picked up this often. */
const NOTICE_POLL_MS = 60_000;

/** Milliseconds from `now` to the next 00:30 in Asia/Taipei. */
export function untilNextRun(now: Date): number {
  const taipei = now.getTime() + TAIPEI_MS;
  const todaysRun = Math.floor(taipei / DAY_MS) * DAY_MS + RUN_AT_TAIPEI_MINUTES * 60_000;
  return (todaysRun > taipei ? todaysRun : todaysRun + DAY_MS) - taipei;
}

/**
 * The server's own schedule: the daily points job (expiry, reminders, tier reviews) once at start, to catch up
 * on a run missed while the server was down, then every day at 00:30 Taipei; the notices it queues are pushed
 * at once. The job is idempotent, so `npm run points:expire` beside it does no harm.
 */
export function startDailyJobs(ctx: {
  engine: Engine;
  clock: Clock;
  log: FastifyBaseLogger;
  wakeNotices: () => void;
}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = async () => {
    try {
      const result = await runDailyPointsJob(ctx.engine, ctx.clock.now());
      ctx.log.info(result, 'daily points job done');
    } catch (error) {
      ctx.log.error({ err: error }, 'daily points job failed');
    }
    ctx.wakeNotices();
    if (!stopped) timer = setTimeout(start, untilNextRun(ctx.clock.now()));
  };
  const start = () => {
    running = run().finally(() => (running = null));
  };
  const poll = setInterval(ctx.wakeNotices, NOTICE_POLL_MS);
  timer = setTimeout(start, 0);
  return {
    /** Schedules no more runs; resolves once a run in progress is done, so that the engine can be closed. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      clearInterval(poll);
      await running;
    },
  };
}
