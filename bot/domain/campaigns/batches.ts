import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Engine } from '../../../db/engine.ts';
import { skippingLocked } from '../../../db/prepared.ts';
import type { CampaignMessage } from '../../../db/schema/campaign-message.ts';
import { campaignBatches, campaignRecipients, campaigns } from '../../../db/schema.ts';
import { type Claim, claimable, leaseFor } from '../leases.ts';

/** A batch LINE refused for a passing reason this often is given up on (its recipients count as failed). */
export const BATCH_MAX_ATTEMPTS = 10;

/** One multicast to send: whom (one language), under which retry key, saying what. */
export interface ClaimedBatch {
  id: number;
  campaignId: number;
  batchNo: number;
  language: 'zh-TW' | 'en';
  retryKey: string;
  attempts: number;
  aggregationUnit: string;
  message: CampaignMessage;
}

/**
 * Claims batches that are due, of campaigns that are sending, oldest campaign and lowest batch first, for
 * `claim.leaseMs`. Other instances pass over the rows being claimed (SKIP LOCKED); a dead instance's lease runs out
 * and its batches are claimed again, their retry key keeping LINE from delivering twice.
 */
export function claimBatches(engine: Engine, claim: Claim): Promise<ClaimedBatch[]> {
  if (claim.limit <= 0) return Promise.resolve([]);
  return engine.write(
    async (tx) => {
      const b = campaignBatches;
      const due = await skippingLocked(
        tx
          .select({ id: b.id })
          .from(b)
          .where(
            and(
              eq(b.status, 'pending'),
              // A subquery rather than a join: only the batch rows are locked, never the campaign's.
              inArray(
                b.campaignId,
                tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.status, 'sending')),
              ),
              claimable(b, claim.now),
            ),
          )
          .orderBy(asc(b.campaignId), asc(b.batchNo))
          .limit(claim.limit),
      );
      if (due.length === 0) return [];
      const ids = due.map((row) => row.id);
      await tx.update(b).set(leaseFor(claim)).where(inArray(b.id, ids));
      return tx
        .select({
          ...{ id: b.id, campaignId: b.campaignId, batchNo: b.batchNo, language: b.language },
          ...{ retryKey: b.retryKey, attempts: b.attempts },
          aggregationUnit: campaigns.aggregationUnit,
          message: campaigns.message,
        })
        .from(b)
        .innerJoin(campaigns, eq(campaigns.id, b.campaignId))
        .where(inArray(b.id, ids))
        .orderBy(asc(b.campaignId), asc(b.batchNo));
    },
    { durability: 'relaxed' },
  );
}

/** The LINE user ids a batch goes to, fixed at freeze. */
export function batchRecipients(engine: Engine, campaignId: number, batchNo: number): Promise<string[]> {
  return engine.read(async (tx) => {
    const rows = await tx
      .select({ to: campaignRecipients.lineUserId })
      .from(campaignRecipients)
      .where(and(eq(campaignRecipients.campaignId, campaignId), eq(campaignRecipients.batchNo, batchNo)));
    return rows.flatMap((row) => (row.to ? [row.to] : []));
  });
}

/** How one multicast ended: sent (409 too), to try again at `retryAt` under the same key, or given up on. */
export type BatchOutcome =
  | { status: 'sent'; at: Date }
  | { status: 'failed'; error: string; at: Date }
  | { status: 'retry'; error: string; retryAt: Date };

/**
 * Records how a batch this worker holds ended and lets the lease go, with the campaign's sent or failed count in
 * the same transaction; a worker whose lease ran out changes nothing (another instance holds the batch now). Fully
 * durable: a lost `sent` would only be sent again under its key, but the campaign's counts must not drift.
 */
export async function settleBatch(
  engine: Engine,
  batch: { id: number; campaignId: number },
  worker: string,
  outcome: BatchOutcome,
): Promise<void> {
  await engine.write(async (tx) => {
    const b = campaignBatches;
    const [settled] = await tx
      .update(b)
      .set({
        attempts: sql`${b.attempts} + 1`,
        claimedBy: null,
        claimedUntil: null,
        ...(outcome.status === 'retry'
          ? { retryAt: outcome.retryAt, lastError: outcome.error }
          : outcome.status === 'sent'
            ? { status: 'sent' as const, sentAt: outcome.at }
            : { status: 'failed' as const, lastError: outcome.error }),
      })
      .where(and(eq(b.id, batch.id), eq(b.status, 'pending'), eq(b.claimedBy, worker)))
      .returning({ size: b.size });
    if (!settled || outcome.status === 'retry') return;
    const column = outcome.status === 'sent' ? campaigns.sent : campaigns.failed;
    await tx
      .update(campaigns)
      .set({ [outcome.status]: sql`${column} + ${settled.size}` })
      .where(eq(campaigns.id, batch.campaignId));
  });
}

/**
 * Lets go of a batch this worker claimed but did not send (it is stopping): another instance may take it at once
 * instead of when the lease runs out. No attempt is counted.
 */
export async function releaseBatch(engine: Engine, batchId: number, worker: string): Promise<void> {
  await engine.write(
    (tx) =>
      tx
        .update(campaignBatches)
        .set({ claimedBy: null, claimedUntil: null })
        .where(and(eq(campaignBatches.id, batchId), eq(campaignBatches.claimedBy, worker))),
    { durability: 'relaxed' },
  );
}
