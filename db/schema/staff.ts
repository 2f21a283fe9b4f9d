import { boolean, id, index, integer, json, primaryKey, table, text, timestamp } from '#db/dialect/columns';
import { stores } from './members.ts';

/**
 * The brand's staff. Clerks and store managers work in the stores they are given (staff_stores); marketers and
 * admins work across all stores. They sign in with a username and password (scrypt hash) to a session.
 */
export const staff = table('staff', {
  id: id('id'),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  /** scrypt, in the form `scrypt$N$r$p$salt$hash` (base64url). */
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: ['clerk', 'store_manager', 'marketer', 'admin'] }).notNull(),
  active: boolean('active').notNull().default(true),
  /** Wrong passwords in a row; the account locks for a while after too many. */
  failedSignIns: integer('failed_sign_ins').notNull().default(0),
  lockedUntil: timestamp('locked_until'),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

/** The stores a clerk or store manager works in. */
export const staffStores = table(
  'staff_stores',
  {
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
    storeId: integer('store_id')
      .notNull()
      .references(() => stores.id),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.storeId] })],
);

/**
 * A signed-in staff member. The cookie carries a random token; only its SHA-256 is stored, so a copy of the
 * database does not sign anyone in. The CSRF token is sent back by the pages in a header on every change.
 */
export const staffSessions = table(
  'staff_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    staffId: integer('staff_id')
      .notNull()
      .references(() => staff.id),
    csrfToken: text('csrf_token').notNull(),
    /** The store the staff member works at during this session: where their actions happen. */
    storeId: integer('store_id').references(() => stores.id),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    lastSeenAt: timestamp('last_seen_at').notNull(),
  },
  (t) => [index('staff_sessions_staff_idx').on(t.staffId)],
);

/** Sign-in attempts, for the rate limit per address and the lockout per account. */
export const signInAttempts = table(
  'sign_in_attempts',
  {
    id: id('id'),
    username: text('username').notNull(),
    ip: text('ip').notNull(),
    succeeded: boolean('succeeded').notNull(),
    at: timestamp('at').notNull(),
  },
  (t) => [
    index('sign_in_attempts_ip_idx').on(t.ip, t.at),
    index('sign_in_attempts_user_idx').on(t.username, t.at),
  ],
);

/**
 * Each address that has tried to sign in, and when it last did. An attempt locks its address's row before it counts
 * that address's failures, so that attempts from one address are counted one after the other on PostgreSQL too,
 * the very first ones included (with no failure yet, there would be no attempt row to lock).
 */
export const signInAddresses = table('sign_in_addresses', {
  ip: text('ip').primaryKey(),
  lastAttemptAt: timestamp('last_attempt_at').notNull(),
});

/** Every staff action: who, what, when, where, and the record before and after. */
export const auditLog = table(
  'audit_log',
  {
    id: id('id'),
    /** Null for the command line (`npm run admin:create`) and scheduled jobs. */
    staffId: integer('staff_id').references(() => staff.id),
    /** For example `points.earn`, `purchase.void`, `store.create`, `staff.update`, `staff.sign_in`. */
    action: text('action').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    storeId: integer('store_id').references(() => stores.id),
    ip: text('ip'),
    before: json('before'),
    after: json('after'),
    at: timestamp('at').notNull(),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_staff_idx').on(t.staffId, t.at)],
);
