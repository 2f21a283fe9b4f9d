import { id, index, integer, table, text, timestamp } from '#db/dialect/columns';
import { members, stores } from './members.ts';
import { staff } from './staff.ts';

/**
 * One row per LINE account that has tried a phone number (claim_attempts): locked while one of its tries is
 * counted, so that a burst of tries from one account is counted one after the other on every engine, even
 * before the account has any row of its own elsewhere.
 */
export const claimAttemptAccounts = table('claim_attempt_accounts', {
  lineUserId: text('line_user_id').primaryKey(),
});

/**
 * A one-time code a clerk hands an in-store member at the counter, to claim their membership in LINE without
 * the birthday. Only a SHA-256 of the code is kept; it is good for one claim within its half hour, and only the
 * member's newest code counts. docs/decisions/0005-claiming-memberships.md.
 */
export const claimCodes = table(
  'claim_codes',
  {
    id: id('id'),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    codeHash: text('code_hash').notNull(),
    storeId: integer('store_id')
      .notNull()
      .references(() => stores.id),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
    issuedAt: timestamp('issued_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    usedAt: timestamp('used_at'),
    usedByLineUserId: text('used_by_line_user_id'),
  },
  (t) => [index('claim_codes_member_idx').on(t.memberId, t.issuedAt)],
);
