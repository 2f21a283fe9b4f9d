import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { timestamp } from './columns.ts';
import { members, stores } from './members.ts';

/**
 * The points ledger: append-only. Every change to a balance is one entry, written in the same transaction as
 * the balance. `idempotencyKey` makes a retried request return the first result and change nothing.
 */
export const pointsLedger = sqliteTable(
  'points_ledger',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    kind: text('kind', { enum: ['earn', 'redeem', 'expire', 'adjust', 'reverse'] }).notNull(),
    /** Signed: positive adds to the balance, negative takes from it. */
    points: integer('points').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    /** NT$ of the purchase behind an earn (negative for a refund): counts towards the tier. */
    amount: integer('amount'),
    storeId: integer('store_id').references(() => stores.id),
    channel: text('channel', { enum: ['store', 'online', 'other'] }).notNull(),
    staffId: integer('staff_id'),
    /** Receipt or order number. */
    reference: text('reference'),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    reversesEntryId: integer('reverses_entry_id'),
    note: text('note'),
    occurredAt: timestamp('occurred_at').notNull(),
  },
  (t) => [index('points_ledger_member_idx').on(t.memberId, t.occurredAt)],
);

/** Points expire by the purchase that earned them; redemptions spend the oldest lots first. */
export const pointLots = sqliteTable(
  'point_lots',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    earnEntryId: integer('earn_entry_id')
      .notNull()
      .references(() => pointsLedger.id),
    points: integer('points').notNull(),
    remaining: integer('remaining').notNull(),
    earnedAt: timestamp('earned_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [index('point_lots_member_idx').on(t.memberId, t.expiresAt)],
);
