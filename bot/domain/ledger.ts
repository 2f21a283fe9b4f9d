import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { lotSpends, members, pointLots, pointsLedger } from '../../db/schema.ts';
import type { Channel } from './earn-rules.ts';
import { DomainError } from './errors.ts';

export type LedgerEntry = typeof pointsLedger.$inferSelect;

export interface EntryFacts {
  memberId: number;
  amount?: number | null;
  storeId?: number | null;
  channel: Channel;
  staffId?: number | null;
  reference?: string | null;
  purchaseId?: number | null;
  idempotencyKey: string;
  reversesEntryId?: number | null;
  note?: string | null;
  at: Date;
}

/**
 * The ledger's one way of changing a balance, always inside the caller's transaction: the entry, the balance
 * (which the UPDATE refuses to take below zero) and the lots move together.
 */
function append(tx: Db, kind: LedgerEntry['kind'], points: number, facts: EntryFacts): LedgerEntry {
  const member = tx
    .update(members)
    .set({ pointsBalance: sql`${members.pointsBalance} + ${points}`, updatedAt: facts.at })
    .where(
      and(
        eq(members.id, facts.memberId),
        eq(members.status, 'active'),
        sql`${members.pointsBalance} + ${points} >= 0`,
      ),
    )
    .returning({ balance: members.pointsBalance })
    .get();
  if (!member) {
    const exists = tx
      .select({ id: members.id })
      .from(members)
      .where(and(eq(members.id, facts.memberId), eq(members.status, 'active')))
      .get();
    if (!exists) throw new DomainError('NOT_A_MEMBER', 'No active membership with this ID');
    throw new DomainError('POINTS_INSUFFICIENT', 'Not enough points');
  }
  return tx
    .insert(pointsLedger)
    .values({ ...facts, kind, points, balanceAfter: member.balance, occurredAt: facts.at })
    .returning()
    .get();
}

/** Adds points as a new lot that expires at `expiresAt`. */
export function addLot(tx: Db, kind: 'earn' | 'adjust', points: number, expiresAt: Date, facts: EntryFacts) {
  const entry = append(tx, kind, points, facts);
  tx.insert(pointLots)
    .values({
      memberId: facts.memberId,
      earnEntryId: entry.id,
      points,
      remaining: points,
      earnedAt: facts.at,
      expiresAt,
    })
    .run();
  return entry;
}

/**
 * Takes points from the member's lots, soonest to expire first (first in, first out), and records which lots
 * gave them, so that a reversal can give them back. `firstLotId` is drawn from before the others (a refund
 * takes back the points of the purchase's own lot first).
 */
export function spendLots(
  tx: Db,
  kind: 'redeem' | 'expire' | 'adjust' | 'reverse',
  points: number,
  facts: EntryFacts,
  firstLotId?: number,
): LedgerEntry {
  const entry = append(tx, kind, -points, facts);
  const lots = tx
    .select()
    .from(pointLots)
    .where(and(eq(pointLots.memberId, facts.memberId), gt(pointLots.remaining, 0)))
    .orderBy(sql`${pointLots.id} = ${firstLotId ?? -1} DESC`, asc(pointLots.expiresAt), asc(pointLots.id))
    .all();
  let left = points;
  for (const lot of lots) {
    if (left === 0) break;
    const taken = Math.min(left, lot.remaining);
    tx.update(pointLots)
      .set({ remaining: lot.remaining - taken })
      .where(eq(pointLots.id, lot.id))
      .run();
    tx.insert(lotSpends).values({ entryId: entry.id, lotId: lot.id, points: taken }).run();
    left -= taken;
  }
  // The balance and the lots always agree, so the balance check above leaves nothing unpaid.
  if (left > 0) throw new Error(`Lots of member ${facts.memberId} hold less than their balance`);
  return entry;
}

/**
 * Gives back points an entry took (a redemption a refund reverses): to the same lots, so they keep their
 * expiry, the latest-expiring first. A lot that has expired since gets its points back and expires with the
 * next run of the expiry job.
 */
export function restoreLots(tx: Db, spent: LedgerEntry, points: number, facts: EntryFacts): LedgerEntry {
  const entry = append(tx, 'reverse', points, { ...facts, reversesEntryId: spent.id });
  const taken = tx
    .select({ lotId: lotSpends.lotId, points: sql<number>`sum(${lotSpends.points})` })
    .from(lotSpends)
    .innerJoin(pointLots, eq(pointLots.id, lotSpends.lotId))
    .where(sql`${lotSpends.entryId} IN (${spent.id}, ${sql.join(restoredFrom(tx, spent.id), sql`, `)})`)
    .groupBy(lotSpends.lotId)
    .orderBy(sql`max(${pointLots.expiresAt}) DESC`, sql`${lotSpends.lotId} DESC`)
    .all();
  let left = points;
  for (const lot of taken) {
    if (left === 0) break;
    const given = Math.min(left, lot.points);
    if (given <= 0) continue;
    tx.update(pointLots)
      .set({ remaining: sql`${pointLots.remaining} + ${given}` })
      .where(eq(pointLots.id, lot.lotId))
      .run();
    tx.insert(lotSpends).values({ entryId: entry.id, lotId: lot.lotId, points: -given }).run();
    left -= given;
  }
  if (left > 0) throw new Error(`Entry ${spent.id} took fewer points than are given back`);
  return entry;
}

/** Entries that already gave back points of `entryId`: their negative lot_spends net out what is left to give. */
function restoredFrom(tx: Db, entryId: number) {
  const ids = tx
    .select({ id: pointsLedger.id })
    .from(pointsLedger)
    .where(and(eq(pointsLedger.reversesEntryId, entryId), eq(pointsLedger.kind, 'reverse')))
    .all()
    .map((row) => sql`${row.id}`);
  return ids.length > 0 ? ids : [sql`-1`];
}

/**
 * Expires the member's lots whose time has come: one `expire` entry per expiry date. Returns the points
 * expired. Run before spending, so a redemption never uses points that have expired, and by the daily job.
 */
export function expireDueLots(tx: Db, memberId: number, now: Date): number {
  const due = tx
    .select({ expiresAt: pointLots.expiresAt, points: sql<number>`sum(${pointLots.remaining})` })
    .from(pointLots)
    .where(and(eq(pointLots.memberId, memberId), gt(pointLots.remaining, 0), lte(pointLots.expiresAt, now)))
    .groupBy(pointLots.expiresAt)
    .orderBy(asc(pointLots.expiresAt))
    .all();
  let expired = 0;
  for (const { expiresAt, points } of due) {
    const entry = append(tx, 'expire', -points, {
      memberId,
      channel: 'other',
      idempotencyKey: `expire:${memberId}:${expiresAt.getTime()}:${now.getTime()}`,
      note: `Points earned until ${expiresAt.toISOString()} expired`,
      at: now,
    });
    const lots = tx
      .select()
      .from(pointLots)
      .where(
        and(eq(pointLots.memberId, memberId), gt(pointLots.remaining, 0), eq(pointLots.expiresAt, expiresAt)),
      )
      .all();
    for (const lot of lots) {
      tx.update(pointLots).set({ remaining: 0 }).where(eq(pointLots.id, lot.id)).run();
      tx.insert(lotSpends).values({ entryId: entry.id, lotId: lot.id, points: lot.remaining }).run();
    }
    expired += points;
  }
  return expired;
}

/** The entry with this idempotency key, if the operation already happened. */
export function entryByKey(tx: Db, idempotencyKey: string): LedgerEntry | undefined {
  return tx.select().from(pointsLedger).where(eq(pointsLedger.idempotencyKey, idempotencyKey)).get();
}
