import { and, type Column, isNull, lt, lte, or } from 'drizzle-orm';

/**
 * Work that any instance may take (webhook events, member notices) is claimed with a lease (ADR 17): who holds it
 * and until when. This is what a claim is made with, and the conditions every claim shares.
 */
export interface Claim {
  /** The instance (app.ts: host, process and a random part). */
  worker: string;
  limit: number;
  now: Date;
  /** Longer than the work can take: its LINE calls each time out well before (bot/line/clients.ts). */
  leaseMs: number;
}

/** A row whose retry, if it has one waiting, is due at `now`. */
export const retryDue = (row: { retryAt: Column }, now: Date) =>
  or(isNull(row.retryAt), lte(row.retryAt, now));

/** A row nobody holds (or whose holder's lease has run out: a dead instance's) and whose retry is due. */
export const claimable = (row: { claimedUntil: Column; retryAt: Column }, now: Date) =>
  and(or(isNull(row.claimedUntil), lt(row.claimedUntil, now)), retryDue(row, now));

/** The columns a claim sets. */
export const leaseFor = (claim: Claim) => ({
  claimedBy: claim.worker,
  claimedUntil: new Date(claim.now.getTime() + claim.leaseMs),
});
