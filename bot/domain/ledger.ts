import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { placeholderAs, placeholders, prepared, settable } from '../../db/prepared.ts';
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

const insertEntry = prepared((db) =>
  db
    .insert(pointsLedger)
    .values(
      placeholders(
        'memberId',
        'kind',
        'points',
        'balanceAfter',
        'amount',
        'storeId',
        'channel',
        'staffId',
        'reference',
        'purchaseId',
        'idempotencyKey',
        'reversesEntryId',
        'note',
        'occurredAt',
      ),
    )
    .returning()
    .prepare(),
);

const moveBalance = prepared((db) => {
  const points = sql.placeholder('points');
  return db
    .update(members)
    .set({ pointsBalance: sql`${members.pointsBalance} + ${points}`, updatedAt: settable<Date>('at') })
    .where(
      and(
        eq(members.id, sql.placeholder('memberId')),
        eq(members.status, 'active'),
        sql`${members.pointsBalance} + ${points} >= 0`,
      ),
    )
    .returning({ balance: members.pointsBalance })
    .prepare();
});

const activeMemberId = prepared((db) =>
  db
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.id, sql.placeholder('memberId')), eq(members.status, 'active')))
    .prepare(),
);

const balanceById = prepared((db) =>
  db
    .select({ balance: members.pointsBalance })
    .from(members)
    .where(eq(members.id, sql.placeholder('memberId')))
    .prepare(),
);

/** The member's points balance. */
export const balanceOf = (tx: Db, memberId: number): number => balanceById(tx).get({ memberId })!.balance;

function insert(tx: Db, kind: LedgerEntry['kind'], points: number, balanceAfter: number, facts: EntryFacts) {
  return insertEntry(tx).get({
    memberId: facts.memberId,
    kind,
    points,
    balanceAfter,
    amount: facts.amount ?? null,
    storeId: facts.storeId ?? null,
    channel: facts.channel,
    staffId: facts.staffId ?? null,
    reference: facts.reference ?? null,
    purchaseId: facts.purchaseId ?? null,
    idempotencyKey: facts.idempotencyKey,
    reversesEntryId: facts.reversesEntryId ?? null,
    note: facts.note ?? null,
    occurredAt: facts.at,
  })!;
}

/**
 * The ledger's one way of changing a balance, always inside the caller's transaction: the entry, the balance
 * (which the UPDATE refuses to take below zero) and the lots move together.
 */
function append(tx: Db, kind: LedgerEntry['kind'], points: number, facts: EntryFacts): LedgerEntry {
  const member = moveBalance(tx).get({ points, at: facts.at, memberId: facts.memberId });
  if (!member) {
    if (!activeMemberId(tx).get({ memberId: facts.memberId })) {
      throw new DomainError('NOT_A_MEMBER', 'No active membership with this ID');
    }
    throw new DomainError('POINTS_INSUFFICIENT', 'Not enough points');
  }
  return insert(tx, kind, points, member.balance, facts);
}

/**
 * An entry that moves no points but carries an amount, which counts towards the tier: a purchase that earned
 * nothing, or the amount a refund takes back.
 */
export function recordAmount(tx: Db, kind: 'earn' | 'reverse', facts: EntryFacts): LedgerEntry {
  return insert(tx, kind, 0, balanceOf(tx, facts.memberId), facts);
}

const insertLot = prepared((db) =>
  db
    .insert(pointLots)
    .values(placeholders('memberId', 'earnEntryId', 'points', 'remaining', 'earnedAt', 'expiresAt'))
    .prepare(),
);

/** Lots with points left, the one asked for first, then soonest to expire first. */
const lotsToSpend = prepared((db) =>
  db
    .select({ id: pointLots.id, remaining: pointLots.remaining })
    .from(pointLots)
    .where(and(eq(pointLots.memberId, sql.placeholder('memberId')), gt(pointLots.remaining, 0)))
    .orderBy(
      sql`${pointLots.id} = ${sql.placeholder('firstLotId')} DESC`,
      asc(pointLots.expiresAt),
      asc(pointLots.id),
    )
    .prepare(),
);

const setRemaining = prepared((db) =>
  db
    .update(pointLots)
    .set({ remaining: settable<number>('remaining') })
    .where(eq(pointLots.id, sql.placeholder('lotId')))
    .prepare(),
);

const insertSpend = prepared((db) =>
  db
    .insert(lotSpends)
    .values(placeholders('entryId', 'lotId', 'points'))
    .prepare(),
);

/** Adds points as a new lot that expires at `expiresAt`. */
export function addLot(tx: Db, kind: 'earn' | 'adjust', points: number, expiresAt: Date, facts: EntryFacts) {
  const entry = append(tx, kind, points, facts);
  insertLot(tx).run({
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
export function spendLots(
  tx: Db,
  kind: 'redeem' | 'expire' | 'adjust' | 'reverse',
  points: number,
  facts: EntryFacts,
  firstLotId?: number,
): LedgerEntry {
  const entry = append(tx, kind, -points, facts);
  const lots = lotsToSpend(tx).all({ memberId: facts.memberId, firstLotId: firstLotId ?? -1 });
  let left = points;
  for (const lot of lots) {
    if (left === 0) break;
    const taken = Math.min(left, lot.remaining);
    setRemaining(tx).run({ remaining: lot.remaining - taken, lotId: lot.id });
    insertSpend(tx).run({ entryId: entry.id, lotId: lot.id, points: taken });
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
    insertSpend(tx).run({ entryId: entry.id, lotId: lot.lotId, points: -given });
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

/** The member's points that have come to their expiry, by expiry date. */
const dueLots = prepared((db) =>
  db
    .select({ expiresAt: pointLots.expiresAt, points: sql<number>`sum(${pointLots.remaining})` })
    .from(pointLots)
    .where(
      and(
        eq(pointLots.memberId, sql.placeholder('memberId')),
        gt(pointLots.remaining, 0),
        lte(pointLots.expiresAt, placeholderAs(pointLots.expiresAt, 'now')),
      ),
    )
    .groupBy(pointLots.expiresAt)
    .orderBy(asc(pointLots.expiresAt))
    .prepare(),
);

/**
 * Expires the member's lots whose time has come: one `expire` entry per expiry date. Returns the points
 * expired. Run before spending, so a redemption never uses points that have expired, and by the daily job.
 */
export function expireDueLots(tx: Db, memberId: number, now: Date): number {
  const due = dueLots(tx).all({ memberId, now });
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
      setRemaining(tx).run({ remaining: 0, lotId: lot.id });
      insertSpend(tx).run({ entryId: entry.id, lotId: lot.id, points: lot.remaining });
    }
    expired += points;
  }
  return expired;
}

/** The entry with this idempotency key, if the operation already happened. */
export function entryByKey(tx: Db, idempotencyKey: string): LedgerEntry | undefined {
  return tx.select().from(pointsLedger).where(eq(pointsLedger.idempotencyKey, idempotencyKey)).get();
}
