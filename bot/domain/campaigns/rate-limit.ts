import { and, eq, lt, sql } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import { rateWindows } from '../../../db/schema.ts';

/**
 * A request taken this late in a second waits for the next one: it would reach LINE in the next second, where LINE
 * counts it against that second's limit.
 */
const LATE_MS = 900;

/**
 * Takes one of `perSecond` slots of the current second for requests named `name` (e.g. `multicast`), shared by
 * every instance through rate_windows: 0 when taken, else how long to wait before asking again. One write
 * transaction: two instances asking at once are counted one after the other.
 */
export async function takeRateSlot(
  engine: Engine,
  name: string,
  perSecond: number,
  now: Date,
): Promise<number> {
  const ms = now.getTime();
  const window = Math.floor(ms / 1000);
  const untilNext = 1000 - (ms % 1000);
  if (ms % 1000 >= LATE_MS) return untilNext;
  const taken = await engine.write(
    async (tx) => {
      await tx.insert(rateWindows).values({ name, window, used: 0 }).onConflictDoNothing();
      const rows = await tx
        .update(rateWindows)
        .set({ used: sql`${rateWindows.used} + 1` })
        .where(
          and(eq(rateWindows.name, name), eq(rateWindows.window, window), lt(rateWindows.used, perSecond)),
        )
        .returning({ used: rateWindows.used });
      // Old seconds are of no further use: cleared now and then by whoever opens a new one.
      if (window % 60 === 0) {
        await tx
          .delete(rateWindows)
          .where(and(eq(rateWindows.name, name), lt(rateWindows.window, window - 60)));
      }
      return rows.length > 0;
    },
    { durability: 'relaxed' },
  );
  return taken ? 0 : untilNext;
}
