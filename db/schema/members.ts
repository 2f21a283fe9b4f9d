import { boolean, id, index, integer, json, table, text, timestamp, uniqueIndex } from '#db/dialect/columns';

/** The brand's shops. A member names a home store; points and coupons record where they were used. */
export const stores = table('stores', {
  id: id('id'),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  address: text('address'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at').notNull(),
});

/** Membership tiers (一般, 銀卡, 金卡…), reached by qualifying spend over a rolling 12 months. */
export const tiers = table('tiers', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull(),
  /** 0 for the entry tier; higher ranks are better. */
  rank: integer('rank').notNull().unique(),
  /** NT$ spent over the last 12 months to reach this tier. */
  qualifyingSpend: integer('qualifying_spend').notNull(),
  /** Earn multiplier in percent: 100 is 1x, 150 is 1.5x. */
  earnMultiplierPercent: integer('earn_multiplier_percent').notNull().default(100),
  benefits: json<{ zh: string[]; en: string[] }>('benefits').notNull(),
  color: text('color').notNull(),
});

/**
 * A member of the brand's programme. Joined in LINE, or imported from the shops' old system by phone and claimed
 * later in LINE. Deleting a membership erases the personal fields and keeps the row, so that ledger rows stay for
 * accounting without being tied to a person.
 */
export const members = table(
  'members',
  {
    id: id('id'),
    /** Printed on receipts and shown to staff; never put in the member card's code. */
    memberNumber: text('member_number').notNull().unique(),
    status: text('status', { enum: ['active', 'deleted'] })
      .notNull()
      .default('active'),
    source: text('source', { enum: ['line', 'import'] }).notNull(),
    lineUserId: text('line_user_id').unique(),
    phone: text('phone'),
    name: text('name'),
    /** YYYY-MM-DD; set once. */
    birthday: text('birthday'),
    gender: text('gender', { enum: ['female', 'male', 'other'] }),
    email: text('email'),
    homeStoreId: integer('home_store_id').references(() => stores.id),
    tierCode: text('tier_code')
      .notNull()
      .references(() => tiers.code),
    tierReviewAt: timestamp('tier_review_at'),
    pointsBalance: integer('points_balance').notNull().default(0),
    termsVersion: text('terms_version'),
    privacyVersion: text('privacy_version'),
    consentedAt: timestamp('consented_at'),
    marketingOptIn: boolean('marketing_opt_in').notNull().default(false),
    marketingOptInAt: timestamp('marketing_opt_in_at'),
    /** Opaque ID at the start of the member card's code: not the member number, not the LINE user. */
    cardId: text('card_id').notNull().unique(),
    /** Secret from which the member card's rotating codes are derived (base64url). */
    cardSecret: text('card_secret').notNull(),
    joinedAt: timestamp('joined_at').notNull(),
    boundAt: timestamp('bound_at'),
    deletedAt: timestamp('deleted_at'),
    updatedAt: timestamp('updated_at').notNull(),
  },
  // One active member per phone number; erased members have no phone.
  (t) => [uniqueIndex('members_phone_unique').on(t.phone)],
);

/**
 * A LINE account's tries at a phone number another membership may hold: a claim with a birthday or a counter's
 * claim code, and a join or profile change that met a number in use. The limits count them per LINE account (and
 * birthdays per number too): docs/decisions/0005-claiming-memberships.md.
 */
export const claimAttempts = table(
  'claim_attempts',
  {
    id: id('id'),
    lineUserId: text('line_user_id').notNull(),
    phone: text('phone').notNull(),
    /** birthday, claim_code: a claim's proof; phone_in_use: a join or profile change met a number in use. */
    kind: text('kind', { enum: ['birthday', 'claim_code', 'phone_in_use'] })
      .notNull()
      .default('birthday'),
    succeeded: boolean('succeeded').notNull(),
    at: timestamp('at').notNull(),
  },
  (t) => [
    index('claim_attempts_user_idx').on(t.lineUserId, t.at),
    index('claim_attempts_phone_idx').on(t.phone, t.at),
  ],
);
