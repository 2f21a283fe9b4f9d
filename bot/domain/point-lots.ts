/**
 * Points lots: each earning is a lot with an expiry; spending takes from the lots soonest to expire first and
 * records which lots gave, so that a reversal gives back to the same lots and expiry takes what is left.
 */
import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { placeholderAs, placeholders, prepared, settable } from '../../db/prepared.ts';
import { lotSpends, pointLots, pointsLedger } from '../../db/schema.ts';
import { appendEntry, type EntryFacts, type LedgerEntry } from './points-ledger.ts';

const insertLot = prepared('insert_lot', (tx) =>
  tx
    .insert(pointLots)
    .values(placeholders('memberId', 'earnEntryId', 'points', 'remaining', 'earnedAt', 'expiresAt')),
);

/** Lots with points left, the one asked for first, then soonest to expire first. */
const lotsToSpend = prepared('lots_to_spend', (tx) =>
  tx
    .select({ id: pointLots.id, remaining: pointLots.remaining })
    .from(pointLots)
    .where(and(eq(pointLots.memberId, sql.placeholder('memberId')), gt(pointLots.remaining, 0)))
    .orderBy(
      sql`${pointLots.id} = ${sql.placeholder('firstLotId')} DESC`,
      asc(pointLots.expiresAt),
      asc(pointLots.id),
    ),
);

const setRemaining = prepared('set_lot_remaining', (tx) =>
  tx
    .update(pointLots)
    .set({ remaining: settable<number>('remaining') })
    .where(eq(pointLots.id, sql.placeholder('lotId'))),
);

const insertSpend = prepared('insert_lot_spend', (tx) =>
  tx.insert(lotSpends).values(placeholders('entryId', 'lotId', 'points')),
);

/** Adds points as a new lot that expires at `expiresAt`. */
export async function addLot(
  tx: Tx,
  kind: 'earn' | 'adjust',
  points: number,
  expiresAt: Date,
  facts: EntryFacts,
): Promise<LedgerEntry> {
  const entry = await appendEntry(tx, kind, points, facts);
  await insertLot(tx).execute({
    memberId: facts.memberId,
    earnEntryId: entry.id,
    points,
    remaining: points,
    earnedAt: facts.at,
    expiresAt,
  });
  return entry;
}

/**
 * Takes points from the member's lots, soonest to expire first (first in, first out), and records which lots
 * gave them, so that a reversal can give them back. `firstLotId` is drawn from before the others (a refund
 * takes back the points of the purchase's own lot first).
 */
export async function spendLots(
  tx: Tx,
  kind: 'redeem' | 'expire' | 'adjust' | 'reverse' | 'exchange',
  points: number,
  facts: EntryFacts,
  firstLotId?: number,
): Promise<LedgerEntry> {
  const entry = await appendEntry(tx, kind, -points, facts);
  const lots = await lotsToSpend(tx).execute({ memberId: facts.memberId, firstLotId: firstLotId ?? -1 });
  let left = points;
  for (const lot of lots) {
    if (left === 0) break;
    const taken = Math.min(left, lot.remaining);
    await setRemaining(tx).execute({ remaining: lot.remaining - taken, lotId: lot.id });
    await insertSpend(tx).execute({ entryId: entry.id, lotId: lot.id, points: taken });
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
export async function restoreLots(
  tx: Tx,
  spent: LedgerEntry,
  points: number,
  facts: EntryFacts,
): Promise<LedgerEntry> {
  const entry = await appendEntry(tx, 'reverse', points, { ...facts, reversesEntryId: spent.id });
  const restored = await restoredFrom(tx, spent.id);
  const taken = await tx
    .select({ lotId: lotSpends.lotId, points: sql<number>`sum(${lotSpends.points})`.mapWith(Number) })
    .from(lotSpends)
    .innerJoin(pointLots, eq(pointLots.id, lotSpends.lotId))
    .where(sql`${lotSpends.entryId} IN (${spent.id}, ${sql.join(restored, sql`, `)})`)
    .groupBy(lotSpends.lotId)
    .orderBy(sql`max(${pointLots.expiresAt}) DESC`, sql`${lotSpends.lotId} DESC`);
  let left = points;
  for (const lot of taken) {
    if (left === 0) break;
    const given = Math.min(left, lot.points);
    if (given <= 0) continue;
    await tx
      .update(pointLots)
      .set({ remaining: sql`${pointLots.remaining} + ${given}` })
      .where(eq(pointLots.id, lot.lotId));
    await insertSpend(tx).execute({ entryId: entry.id, lotId: lot.lotId, points: -given });
    left -= given;
  }
  if (left > 0) throw new Error(`Entry ${spent.id} took fewer points than are given back`);
  return entry;
}

/** Entries that already gave back points of `entryId`: their negative lot_spends net out what is left to give. */
async function restoredFrom(tx: Tx, entryId: number) {
  const rows = await tx
    .select({ id: pointsLedger.id })
    .from(pointsLedger)
    .where(and(eq(pointsLedger.reversesEntryId, entryId), eq(pointsLedger.kind, 'reverse')));
  return rows.length > 0 ? rows.map((row) => sql`${row.id}`) : [sql`-1`];
}

/** The member's points that have come to their expiry, by expiry date. */
const dueLots = prepared('due_lots', (tx) =>
  tx
    .select({
      expiresAt: pointLots.expiresAt,
      points: sql<number>`sum(${pointLots.remaining})`.mapWith(Number),
    })
    .from(pointLots)
    .where(
      and(
        eq(pointLots.memberId, sql.placeholder('memberId')),
        gt(pointLots.remaining, 0),
        lte(pointLots.expiresAt, placeholderAs(pointLots.expiresAt, 'now')),
      ),
    )
    .groupBy(pointLots.expiresAt)
    .orderBy(asc(pointLots.expiresAt)),
);

/**
 * Expires the member's lots whose time has come: one `expire` entry per expiry date. Returns the points
 * expired. Run before spending, so a redemption never uses points that have expired, and by the daily job;
 * the caller holds the member's row (lockRows), so that two expiries never take the same lots.
 */
export async function expireDueLots(tx: Tx, memberId: number, now: Date): Promise<number> {
  const due = await dueLots(tx).execute({ memberId, now });
  let expired = 0;
  for (const { expiresAt, points } of due) {
    const entry = await appendEntry(tx, 'expire', -points, {
      memberId,
      channel: 'other',
      idempotencyKey: `expire:${memberId}:${expiresAt.getTime()}:${now.getTime()}`,
      note: `Points earned until ${expiresAt.toISOString()} expired`,
      at: now,
    });
    const lots = await tx
      .select({ id: pointLots.id, remaining: pointLots.remaining })
      .from(pointLots)
      .where(
        and(eq(pointLots.memberId, memberId), gt(pointLots.remaining, 0), eq(pointLots.expiresAt, expiresAt)),
      );
    for (const lot of lots) {
      await setRemaining(tx).execute({ remaining: 0, lotId: lot.id });
      await insertSpend(tx).execute({ entryId: entry.id, lotId: lot.id, points: lot.remaining });
    }
    expired += points;
  }
  return expired;
}
