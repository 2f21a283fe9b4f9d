/**
 * The points ledger: one entry for every change to a member's balance, and the balance it leaves. Lots, which
 * say when points expire and which a reversal gives back, are in point-lots.ts.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { placeholders, prepared, settable } from '../../db/prepared.ts';
import { members, pointsLedger } from '../../db/schema.ts';
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

const insertEntry = prepared('insert_ledger_entry', (tx) =>
  tx
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
    .returning(),
);

const moveBalance = prepared('move_balance', (tx) => {
  const points = sql.placeholder('points');
  return tx
    .update(members)
    .set({ pointsBalance: sql`${members.pointsBalance} + ${points}`, updatedAt: settable<Date>('at') })
    .where(
      and(
        eq(members.id, sql.placeholder('memberId')),
        eq(members.status, 'active'),
        sql`${members.pointsBalance} + ${points} >= 0`,
      ),
    )
    .returning({ balance: members.pointsBalance });
});

const activeMemberId = prepared('active_member_id', (tx) =>
  tx
    .select({ id: members.id })
    .from(members)
    .where(and(eq(members.id, sql.placeholder('memberId')), eq(members.status, 'active'))),
);

const balanceById = prepared('balance_by_id', (tx) =>
  tx
    .select({ balance: members.pointsBalance })
    .from(members)
    .where(eq(members.id, sql.placeholder('memberId'))),
);

/** The member's points balance. */
export async function balanceOf(tx: Tx, memberId: number): Promise<number> {
  const [member] = await balanceById(tx).execute({ memberId });
  return member!.balance;
}

async function insert(
  tx: Tx,
  kind: LedgerEntry['kind'],
  points: number,
  balanceAfter: number,
  facts: EntryFacts,
): Promise<LedgerEntry> {
  const [entry] = await insertEntry(tx).execute({
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
  });
  return entry!;
}

/**
 * The ledger's one way of changing a balance (point-lots.ts moves the lots with it), always inside the caller's transaction: the entry, the balance
 * (which the UPDATE refuses to take below zero, in one statement) and the lots move together. The UPDATE also
 * locks the member's row on PostgreSQL, so what follows it in the transaction reads the member's lots alone.
 */
export async function appendEntry(
  tx: Tx,
  kind: LedgerEntry['kind'],
  points: number,
  facts: EntryFacts,
): Promise<LedgerEntry> {
  const [member] = await moveBalance(tx).execute({ points, at: facts.at, memberId: facts.memberId });
  if (!member) {
    const [active] = await activeMemberId(tx).execute({ memberId: facts.memberId });
    if (!active) throw new DomainError('NOT_A_MEMBER', 'No active membership with this ID');
    throw new DomainError('POINTS_INSUFFICIENT', 'Not enough points');
  }
  return insert(tx, kind, points, member.balance, facts);
}

/**
 * An entry that moves no points but carries an amount, which counts towards the tier: a purchase that earned
 * nothing, or the amount a refund takes back.
 */
export async function recordAmount(
  tx: Tx,
  kind: 'earn' | 'reverse',
  facts: EntryFacts,
): Promise<LedgerEntry> {
  return insert(tx, kind, 0, await balanceOf(tx, facts.memberId), facts);
}

/** The entry with this idempotency key, if the operation already happened. */
export async function entryByKey(tx: Tx, idempotencyKey: string): Promise<LedgerEntry | undefined> {
  const [entry] = await tx.select().from(pointsLedger).where(eq(pointsLedger.idempotencyKey, idempotencyKey));
  return entry;
}
