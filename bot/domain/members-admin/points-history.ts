// The points history on a member's page in the console: the statement the member reads (points-statement.ts), and
// for each adjustment the reason the staff member gave (the ledger entry's note) and who made it. Only
// adjustments: other entries' notes are the system's own words (a coupon's code, an expiry), not for the page.
import { eq, inArray } from 'drizzle-orm';
import type { Tx } from '../../../db/engine.ts';
import { pointsLedger, staff } from '../../../db/schema.ts';
import { type PointsHistory, pointsHistory } from '../points-statement.ts';

export interface StaffPointsHistory {
  entries: (PointsHistory['entries'][number] & {
    /** Why the points were given or taken, in the staff member's words; null unless an adjustment. */
    reason: string | null;
    /** The display name of the staff member who adjusted; null unless an adjustment made by staff. */
    adjustedBy: string | null;
  })[];
  nextBefore: number | null;
}

/** A page of the member's points history (`before`: as pointsHistory), each adjustment with its reason and author. */
export async function staffPointsHistory(
  tx: Tx,
  memberId: number,
  before?: number,
): Promise<StaffPointsHistory> {
  const history = await pointsHistory(tx, memberId, before);
  const adjustments = history.entries.filter((e) => e.kind === 'adjust').map((e) => e.id);
  const why =
    adjustments.length === 0
      ? []
      : await tx
          .select({ id: pointsLedger.id, reason: pointsLedger.note, adjustedBy: staff.displayName })
          .from(pointsLedger)
          .leftJoin(staff, eq(staff.id, pointsLedger.staffId))
          .where(inArray(pointsLedger.id, adjustments));
  const byEntry = new Map(why.map((row) => [row.id, row]));
  return {
    entries: history.entries.map((e) => ({
      ...e,
      reason: byEntry.get(e.id)?.reason ?? null,
      adjustedBy: byEntry.get(e.id)?.adjustedBy ?? null,
    })),
    nextBefore: history.nextBefore,
  };
}
