import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { jobRuns } from '../../db/schema.ts';

export interface RunClaim {
  /** The job: `daily_points`, `expiry_reminders`. */
  name: string;
  /** Which run of it: the Taipei date for a daily job. */
  runKey: string;
  worker: string;
  now: Date;
  leaseMs: number;
}

/**
 * Claims a run of a job that one instance at a time does, for `leaseMs`: true when this worker now holds it (it
 * was free, its holder's lease ran out, or this worker holds it already: then the lease is extended). A finished
 * run is never claimed again. One statement, so two instances asking at once cannot both get it.
 */
export async function claimJobRun(engine: Engine, claim: RunClaim): Promise<boolean> {
  const claimedUntil = new Date(claim.now.getTime() + claim.leaseMs);
  const claimed = await engine.write(async (tx) =>
    tx
      .insert(jobRuns)
      .values({ name: claim.name, runKey: claim.runKey, claimedBy: claim.worker, claimedUntil })
      .onConflictDoUpdate({
        target: [jobRuns.name, jobRuns.runKey],
        set: { claimedBy: claim.worker, claimedUntil },
        setWhere: and(
          isNull(jobRuns.finishedAt),
          or(lt(jobRuns.claimedUntil, claim.now), eq(jobRuns.claimedBy, sql`excluded.claimed_by`)),
        ),
      })
      .returning({ name: jobRuns.name }),
  );
  return claimed.length > 0;
}

/**
 * Extends this worker's lease on a run it holds, inside the caller's transaction (with the work the lease covers):
 * false when the run is no longer this worker's (another took it over) or is finished.
 */
export async function renewJobRun(
  tx: Tx,
  run: Pick<RunClaim, 'name' | 'runKey' | 'worker' | 'now' | 'leaseMs'>,
): Promise<boolean> {
  const held = await tx
    .update(jobRuns)
    .set({ claimedUntil: new Date(run.now.getTime() + run.leaseMs) })
    .where(
      and(
        eq(jobRuns.name, run.name),
        eq(jobRuns.runKey, run.runKey),
        eq(jobRuns.claimedBy, run.worker),
        isNull(jobRuns.finishedAt),
      ),
    )
    .returning({ name: jobRuns.name });
  return held.length > 0;
}

/** Ends a run this worker holds: `finished` with its result, or let go for another to take (and run again). */
export async function settleJobRun(
  engine: Engine,
  run: Pick<RunClaim, 'name' | 'runKey' | 'worker' | 'now'>,
  outcome: { finished: true; result: Record<string, unknown> } | { finished: false },
): Promise<void> {
  await engine.write(async (tx) => {
    await tx
      .update(jobRuns)
      .set(
        outcome.finished
          ? { finishedAt: run.now, result: outcome.result, claimedUntil: run.now }
          : { claimedUntil: new Date(0) },
      )
      .where(
        and(eq(jobRuns.name, run.name), eq(jobRuns.runKey, run.runKey), eq(jobRuns.claimedBy, run.worker)),
      );
  });
}

/**
 * A background worker's hold on job runs it claims one after another (a campaign's freeze, a member import): who
 * it is, its clock, how long a run is held without word, and whether it is stopping (the run in hand lets go).
 */
export interface RunWorker {
  worker: string;
  now: () => Date;
  leaseMs?: number;
  stopping?: () => boolean;
}
