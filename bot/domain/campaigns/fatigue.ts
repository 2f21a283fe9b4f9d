import { and, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../../db/engine.ts';
import { campaignBatches, campaignRecipients } from '../../../db/schema.ts';

const WEEK_MS = 7 * 86_400_000;

/**
 * The fatigue rule, for the freeze and the cost alike: the members among `ids` who already got `limit` marketing
 * pushes (campaign batches sent to them) in the 7 days before `now`.
 */
export async function fatigued(tx: Tx, ids: number[], limit: number, now: Date): Promise<Set<number>> {
  const r = campaignRecipients;
  const b = campaignBatches;
  const rows = await tx
    .select({ memberId: r.memberId })
    .from(r)
    .innerJoin(b, and(eq(b.campaignId, r.campaignId), eq(b.batchNo, r.batchNo)))
    .where(
      and(inArray(r.memberId, ids), eq(b.status, 'sent'), gte(b.sentAt, new Date(now.getTime() - WEEK_MS))),
    )
    .groupBy(r.memberId)
    .having(sql`count(*) >= ${limit}`);
  return new Set(rows.map((row) => row.memberId));
}
