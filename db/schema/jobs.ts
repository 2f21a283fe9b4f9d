import { json, primaryKey, table, text, timestamp } from '#db/dialect/columns';

/**
 * Work that one instance at a time does: a run of the daily points job (one per Taipei day), or the sending of
 * expiry reminders. The instance that claims a run holds it until `claimedUntil`; if it dies, another takes the
 * run over after that; once finished, nobody runs it again.
 */
export const jobRuns = table(
  'job_runs',
  {
    /** The job: `daily_points`, `expiry_reminders`. */
    name: text('name').notNull(),
    /** Which run: the Taipei date for a daily job. */
    runKey: text('run_key').notNull(),
    claimedBy: text('claimed_by').notNull(),
    claimedUntil: timestamp('claimed_until').notNull(),
    finishedAt: timestamp('finished_at'),
    result: json<Record<string, unknown>>('result'),
  },
  (t) => [primaryKey({ columns: [t.name, t.runKey] })],
);
