import { and, asc, desc, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { members, pointLots, pointsLedger, stores } from '../../db/schema.ts';
import type { PointsHistoryResponse, PointsResponse } from '../schemas/liff-api.ts';
import { DomainError } from './errors.ts';

const HISTORY_PAGE = 20;
const EXPIRING_WITHIN_MS = 90 * 24 * 60 * 60 * 1000;

/** Default expiry policy: points last until the end of the calendar year after the year they were earned. */
export function expiryOf(earnedAt: Date): Date {
  // Taiwan time: the year ends at 24:00 on 31 December in Asia/Taipei (UTC+8, no daylight saving).
  const year = new Date(earnedAt.getTime() + 8 * 3600_000).getUTCFullYear();
  return new Date(Date.UTC(year + 2, 0, 1) - 8 * 3600_000);
}

export interface Earning {
  memberId: number;
  points: number;
  amount: number | null;
  storeId: number | null;
  channel: 'store' | 'online' | 'other';
  reference: string | null;
  idempotencyKey: string;
  at: Date;
}

/**
 * Adds earned points: one ledger entry, one lot that expires by the policy, and the balance, in one
 * transaction. The same idempotency key again returns the first entry and changes nothing.
 */
export function earnPoints(db: Db, earning: Earning) {
  if (!Number.isInteger(earning.points) || earning.points <= 0) {
    throw new DomainError('POINTS_INVALID', 'Points to earn must be a whole number above zero');
  }
  return db.transaction((tx) => {
    const earlier = tx
      .select()
      .from(pointsLedger)
      .where(eq(pointsLedger.idempotencyKey, earning.idempotencyKey))
      .get();
    if (earlier) return earlier;
    const member = tx
      .update(members)
      .set({ pointsBalance: sql`${members.pointsBalance} + ${earning.points}`, updatedAt: earning.at })
      .where(and(eq(members.id, earning.memberId), eq(members.status, 'active')))
      .returning({ balance: members.pointsBalance })
      .get();
    if (!member) throw new DomainError('NOT_A_MEMBER', 'No active membership with this ID');
    const entry = tx
      .insert(pointsLedger)
      .values({ ...earning, kind: 'earn', balanceAfter: member.balance, occurredAt: earning.at })
      .returning()
      .get();
    tx.insert(pointLots)
      .values({
        memberId: earning.memberId,
        earnEntryId: entry.id,
        points: earning.points,
        remaining: earning.points,
        earnedAt: earning.at,
        expiresAt: expiryOf(earning.at),
      })
      .run();
    return entry;
  });
}

/** The balance, and the points that expire within 90 days, by date. */
export function pointsSummary(db: Db, memberId: number, balance: number, now: Date): PointsResponse {
  const expiring = db
    .select({ expiresAt: pointLots.expiresAt, points: sql<number>`sum(${pointLots.remaining})` })
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
    .orderBy(asc(pointLots.expiresAt))
    .all();
  return {
    balance,
    expiring: expiring.map((e) => ({ points: e.points, expiresAt: e.expiresAt.toISOString() })),
  };
}

/** The ledger, newest first, a page at a time: `before` is the last entry ID of the previous page. */
export function pointsHistory(db: Db, memberId: number, before?: number): PointsHistoryResponse {
  const rows = db
    .select({ entry: pointsLedger, storeName: stores.name })
    .from(pointsLedger)
    .leftJoin(stores, eq(stores.id, pointsLedger.storeId))
    .where(and(eq(pointsLedger.memberId, memberId), before ? lt(pointsLedger.id, before) : undefined))
    .orderBy(desc(pointsLedger.id))
    .limit(HISTORY_PAGE + 1)
    .all();
  const page = rows.slice(0, HISTORY_PAGE);
  return {
    entries: page.map(({ entry, storeName }) => ({
      id: entry.id,
      kind: entry.kind,
      points: entry.points,
      storeName,
      channel: entry.channel,
      reference: entry.reference,
      occurredAt: entry.occurredAt.toISOString(),
    })),
    nextBefore: rows.length > HISTORY_PAGE ? page.at(-1)!.entry.id : null,
  };
}
