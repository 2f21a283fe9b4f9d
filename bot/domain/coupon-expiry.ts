import { and, eq, inArray, lt } from 'drizzle-orm';
import type { Engine } from '../../db/engine.ts';
import { coupons } from '../../db/schema.ts';

const BATCH = 1000;

/**
 * Marks issued coupons whose validity has ended as expired, a batch per transaction, so that the wallet, the
 * results per template and the campaigns' segments read the status as it is. Until the daily job reaches them they
 * already read as expired (their `validUntil` has passed) and the counter refuses them. Running it again finds
 * nothing left; a coupon used or voided meanwhile is left as it is (the update asks for `issued` again).
 */
export async function expireDueCoupons(engine: Engine, now: Date): Promise<number> {
  let expired = 0;
  for (;;) {
    const done = await engine.write(async (tx) => {
      const due = await tx
        .select({ id: coupons.id })
        .from(coupons)
        .where(and(eq(coupons.status, 'issued'), lt(coupons.validUntil, now)))
        .limit(BATCH);
      if (due.length === 0) return 0;
      const changed = await tx
        .update(coupons)
        .set({ status: 'expired' })
        .where(
          and(
            inArray(
              coupons.id,
              due.map((row) => row.id),
            ),
            eq(coupons.status, 'issued'),
          ),
        )
        .returning({ id: coupons.id });
      return changed.length;
    });
    if (done === 0) return expired;
    expired += done;
  }
}
