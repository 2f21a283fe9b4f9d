/** The member's points statement: the balance with what expires soon, and the history, as the member reads it. */
import { and, asc, desc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { pointLots, pointsLedger, purchaseRefunds, stores } from '../../db/schema.ts';
import type { Channel } from './earn-rules.ts';
import { lastValidDay } from './expiry.ts';
import type { LedgerEntry } from './points-ledger.ts';

/**
 * What a history row shows happened: points earned, paid with points, expired, adjusted, or a refund or a void
 * of a purchase (what it took back or gave back). Never a row of zero points.
 */
export type HistoryKind = 'earn' | 'redeem' | 'expire' | 'adjust' | 'refund' | 'void' | 'exchange';

/** The balance, and the points that expire soon by date; `lastDay` is the last day (Taipei) they can be used. */
export interface PointsSummary {
  balance: number;
  expiring: { points: number; expiresAt: Date; lastDay: string }[];
}

/** A page of the member's points history, newest first; `nextBefore` asks for the page after it. */
export interface PointsHistory {
  entries: {
    id: number;
    kind: HistoryKind;
    points: number;
    storeName: string | null;
    channel: Channel;
    reference: string | null;
    occurredAt: Date;
  }[];
  nextBefore: number | null;
}

const HISTORY_PAGE = 20;
const EXPIRING_WITHIN_MS = 90 * 24 * 60 * 60 * 1000;

/** The balance, and the points that expire within 90 days, by date. */
export async function pointsSummary(
  tx: Tx,
  memberId: number,
  balance: number,
  now: Date,
): Promise<PointsSummary> {
  const expiring = await tx
    .select({
      expiresAt: pointLots.expiresAt,
      points: sql<number>`sum(${pointLots.remaining})`.mapWith(Number),
    })
    .from(pointLots)
    .where(
      and(
        eq(pointLots.memberId, memberId),
        gt(pointLots.remaining, 0),
        gt(pointLots.expiresAt, now),
        lt(pointLots.expiresAt, new Date(now.getTime() + EXPIRING_WITHIN_MS)),
      ),
    )
    .groupBy(pointLots.expiresAt)
    .orderBy(asc(pointLots.expiresAt));
  return {
    balance,
    expiring: expiring.map((e) => ({
      points: e.points,
      expiresAt: e.expiresAt,
      lastDay: lastValidDay(e.expiresAt),
    })),
  };
}

/**
 * The history the member reads, newest first, a page at a time (`before`: the last entry ID of the previous
 * page). Each row says what happened in the shop's words: a reversal is the refund or the void that made it.
 * Entries that moved no points (the amount of a purchase that earned nothing, or the amount a refund takes back
 * from the tier) are the tier's, not the member's to read.
 */
export async function pointsHistory(tx: Tx, memberId: number, before?: number): Promise<PointsHistory> {
  const rows = await tx
    .select({ entry: pointsLedger, storeName: stores.name })
    .from(pointsLedger)
    .leftJoin(stores, eq(stores.id, pointsLedger.storeId))
    .where(
      and(
        eq(pointsLedger.memberId, memberId),
        ne(pointsLedger.points, 0),
        before ? lt(pointsLedger.id, before) : undefined,
      ),
    )
    .orderBy(desc(pointsLedger.id))
    .limit(HISTORY_PAGE + 1);
  const page = rows.slice(0, HISTORY_PAGE);
  const voids = await voidsAmong(tx, page);
  const kindOf = (entry: LedgerEntry): HistoryKind => {
    if (entry.kind !== 'reverse') return entry.kind;
    const refund = refundOf(entry);
    return refund !== null && voids.has(refund) ? 'void' : 'refund';
  };
  return {
    entries: page.map(({ entry, storeName }) => ({
      id: entry.id,
      kind: kindOf(entry),
      points: entry.points,
      storeName,
      channel: entry.channel,
      reference: entry.reference,
      occurredAt: entry.occurredAt,
    })),
    nextBefore: rows.length > HISTORY_PAGE ? page.at(-1)!.entry.id : null,
  };
}

/** The refund a reversal belongs to: refunds.ts keys each of its entries `refund:<refund id>:<what>`. */
const refundOf = (entry: LedgerEntry) => Number(/^refund:(\d+):/.exec(entry.idempotencyKey)?.[1]) || null;

/** Which of the refunds behind these entries were voids, by their primary key. */
async function voidsAmong(tx: Tx, page: { entry: LedgerEntry }[]): Promise<Set<number>> {
  const ids = page.filter(({ entry }) => entry.kind === 'reverse').map(({ entry }) => refundOf(entry));
  const refunds = ids.filter((id): id is number => id !== null);
  if (refunds.length === 0) return new Set();
  const rows = await tx
    .select({ id: purchaseRefunds.id })
    .from(purchaseRefunds)
    .where(and(inArray(purchaseRefunds.id, refunds), eq(purchaseRefunds.isVoid, true)));
  return new Set(rows.map((row) => row.id));
}
