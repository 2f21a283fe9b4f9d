import { index, integer, table, text, timestamp } from '#db/dialect/columns';
import { members, stores } from './members.ts';
import { purchases } from './points.ts';
import { staff } from './staff.ts';

/**
 * A member found at the counter, and how the clerk knew them: the proof that the member is there
 * (docs/decisions/0018-proof-of-presence.md). The clerk page gets a random token for it and pays with that token,
 * never with a member id it could change; only the token's SHA-256 is stored. Bound to the store and the clerk
 * who looked the member up, good for a few minutes and for one purchase.
 */
export const memberLookups = table(
  'member_lookups',
  {
    tokenHash: text('token_hash').primaryKey(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    storeId: integer('store_id')
      .notNull()
      .references(() => stores.id),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
    /** card: the card's current code; phone, member_number: earn only; manager_approved: a manager vouched. */
    proof: text('proof', { enum: ['card', 'phone', 'member_number', 'manager_approved'] }).notNull(),
    /** The store manager or admin who vouched for the member, on the clerk's device. */
    approvedBy: integer('approved_by').references(() => staff.id),
    /** The purchase this lookup paid for: one lookup, one purchase. */
    purchaseId: integer('purchase_id').references(() => purchases.id),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (t) => [index('member_lookups_expires_idx').on(t.expiresAt)],
);
