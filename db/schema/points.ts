import { sql } from 'drizzle-orm';
import { boolean, id, index, integer, json, primaryKey, table, text, timestamp } from '#db/dialect/columns';
import { members, stores } from './members.ts';
import type { NoticeData, NoticeKind } from './notice-data.ts';
import { staff } from './staff.ts';

/**
 * The points ledger: append-only. Every change to a balance is one entry, written in the same transaction as
 * the balance. `idempotencyKey` makes a retried request return the first result and change nothing.
 */
export const pointsLedger = table(
  'points_ledger',
  {
    id: id('id'),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    /** `exchange`: points paid for a coupon in the rewards catalogue (its `note` names the coupon). */
    kind: text('kind', { enum: ['earn', 'redeem', 'expire', 'adjust', 'reverse', 'exchange'] }).notNull(),
    /** Signed: positive adds to the balance, negative takes from it. */
    points: integer('points').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    /** NT$ of the purchase behind an earn (negative for a refund): counts towards the tier. */
    amount: integer('amount'),
    storeId: integer('store_id').references(() => stores.id),
    channel: text('channel', { enum: ['store', 'online', 'other'] }).notNull(),
    /** The staff member who did it (staff.id); none for the shopper's own channels and scheduled jobs. */
    staffId: integer('staff_id'),
    /** Receipt or order number. */
    reference: text('reference'),
    /** The purchase an earn, a redemption or their reversal belongs to. */
    purchaseId: integer('purchase_id').references(() => purchases.id),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    reversesEntryId: integer('reverses_entry_id'),
    note: text('note'),
    occurredAt: timestamp('occurred_at').notNull(),
  },
  (t) => [
    // With the amount, a member's qualifying spend (the tier, at every purchase) is read from the index alone.
    index('points_ledger_member_idx').on(t.memberId, t.occurredAt, t.amount),
    // Refunds find a purchase's entries, and what earlier reversals already gave back.
    index('points_ledger_purchase_idx').on(t.purchaseId),
    index('points_ledger_reverses_idx').on(t.reversesEntryId),
  ],
);

/** Points expire by the purchase that earned them; redemptions spend the oldest lots first. */
export const pointLots = table(
  'point_lots',
  {
    id: id('id'),
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
  (t) => [
    // With what is left, spending and expiring a member's points read their lots from the index alone.
    index('point_lots_member_idx').on(t.memberId, t.expiresAt, t.remaining),
    index('point_lots_earn_entry_idx').on(t.earnEntryId),
    // The daily job finds lots that are due; spent lots (most of them, in time) are left out of the index.
    index('point_lots_due_idx').on(t.expiresAt).where(sql`remaining > 0`),
  ],
);

/** Which lots a redemption or an expiry took its points from, so that reversing it can give them back. */
export const lotSpends = table(
  'lot_spends',
  {
    entryId: integer('entry_id')
      .notNull()
      .references(() => pointsLedger.id),
    lotId: integer('lot_id')
      .notNull()
      .references(() => pointLots.id),
    points: integer('points').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.lotId] })],
);

/**
 * A purchase a member earned points on (and maybe paid for partly with points): at the counter or online.
 * Refunds and voids reverse its points in proportion to the amount refunded.
 */
export const purchases = table(
  'purchases',
  {
    id: id('id'),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    storeId: integer('store_id').references(() => stores.id),
    channel: text('channel', { enum: ['store', 'online', 'other'] }).notNull(),
    staffId: integer('staff_id').references(() => staff.id),
    /** Receipt or order number. */
    reference: text('reference').notNull(),
    /** NT$ the member paid, after the coupons' and the points' discounts. */
    amount: integer('amount').notNull(),
    /** NT$ taken off the price by redeeming points. */
    discount: integer('discount').notNull().default(0),
    /** NT$ taken off the price by coupons (`coupons.purchase_id` names them). */
    couponDiscount: integer('coupon_discount').notNull().default(0),
    pointsEarned: integer('points_earned').notNull(),
    pointsRedeemed: integer('points_redeemed').notNull().default(0),
    /** NT$ refunded so far; equal to `amount` once voided or fully refunded. */
    refundedAmount: integer('refunded_amount').notNull().default(0),
    status: text('status', { enum: ['completed', 'partly_refunded', 'refunded', 'voided'] })
      .notNull()
      .default('completed'),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    occurredAt: timestamp('occurred_at').notNull(),
  },
  (t) => [
    index('purchases_member_idx').on(t.memberId, t.occurredAt),
    index('purchases_store_idx').on(t.storeId, t.occurredAt),
    index('purchases_reference_idx').on(t.reference),
  ],
);

/** A refund or a void of a purchase: its points are reversed in proportion to the amount refunded. */
export const purchaseRefunds = table(
  'purchase_refunds',
  {
    id: id('id'),
    purchaseId: integer('purchase_id')
      .notNull()
      .references(() => purchases.id),
    /** NT$ refunded by this refund. */
    amount: integer('amount').notNull(),
    isVoid: boolean('is_void').notNull(),
    pointsRemoved: integer('points_removed').notNull(),
    pointsReturned: integer('points_returned').notNull(),
    staffId: integer('staff_id').references(() => staff.id),
    reason: text('reason'),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    occurredAt: timestamp('occurred_at').notNull(),
  },
  // A purchase's refunds: what a new refund may still take, and a campaign's sales by its recipients (ADR 34).
  (t) => [index('purchase_refunds_purchase_idx').on(t.purchaseId)],
);

/**
 * How purchases earn points, edited by an admin. One row (id 1): the base rate, how points are redeemed, and when
 * they expire.
 */
export const pointsPolicy = table('points_policy', {
  id: integer('id').primaryKey(),
  /** NT$ of spend for one point, rounded down: 50 gives 1 point per NT$50. */
  spendPerPoint: integer('spend_per_point').notNull().default(50),
  /** NT$ of discount one point is worth when redeemed. */
  pointValue: integer('point_value').notNull().default(1),
  /** The fewest points redeemed at once. */
  minRedeemPoints: integer('min_redeem_points').notNull().default(100),
  /** The largest share of a purchase, in percent, that points may pay for. */
  maxRedeemPercent: integer('max_redeem_percent').notNull().default(50),
  /** `end_of_next_year`: points last until 31 December of the year after they were earned; `months`: N months. */
  expiry: text('expiry', { enum: ['end_of_next_year', 'months'] })
    .notNull()
    .default('end_of_next_year'),
  expiryMonths: integer('expiry_months'),
  /** Days before points expire that the member is reminded; 0 sends no reminder. */
  expiryReminderDays: integer('expiry_reminder_days').notNull().default(30),
  updatedAt: timestamp('updated_at').notNull(),
});

/**
 * Extra earning on top of the base rate and the tier multiplier: for one store, one channel, and/or a time box
 * (double points at the weekend). When several apply, the highest multiplier counts and the bonuses add up.
 */
export const earnRules = table('earn_rules', {
  id: id('id'),
  name: text('name').notNull(),
  storeId: integer('store_id').references(() => stores.id),
  channel: text('channel', { enum: ['store', 'online', 'other'] }),
  /** Percent: 200 doubles the points. */
  multiplierPercent: integer('multiplier_percent').notNull().default(100),
  /** Points added to each qualifying purchase. */
  bonusPoints: integer('bonus_points').notNull().default(0),
  /** Purchases of at least this NT$ amount. */
  minAmount: integer('min_amount').notNull().default(0),
  /** Days of the week in Asia/Taipei, 0 = Sunday; null for every day. */
  weekdays: json<number[]>('weekdays'),
  startsAt: timestamp('starts_at'),
  endsAt: timestamp('ends_at'),
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

/**
 * What the member is to be told in LINE about their points: written in the same transaction as the change, and
 * pushed afterwards with `retryKey` as X-Line-Retry-Key, so that a crash or a retry never loses or doubles one.
 */
export const memberNotices = table(
  'member_notices',
  {
    id: id('id'),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    kind: text('kind', {
      enum: [
        'points_earned',
        'points_redeemed',
        'purchase_reversed',
        'tier_changed',
        'points_expiring',
        'coupon_given',
        'coupons_expiring',
      ],
    })
      .$type<NoticeKind>()
      .notNull(),
    /** One shape per kind (db/schema/notice-data.ts); `queueNotice` writes them together. */
    data: json<NoticeData>('data').notNull(),
    /** A UUID, the same for every attempt. */
    retryKey: text('retry_key').notNull().unique(),
    /**
     * Reminders go out together by multicast: the batch is fixed (and its retry key derived from it) before the
     * request is sent, so a retry after a crash sends the same batch with the same key.
     */
    batchKey: text('batch_key'),
    /** `over_quota`: LINE refused it because the account's monthly message quota is used up. */
    status: text('status', { enum: ['pending', 'sent', 'failed', 'skipped', 'over_quota'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** The instance pushing the notice, until `claimedUntil`; after that any instance may take it over. */
    claimedBy: text('claimed_by'),
    claimedUntil: timestamp('claimed_until'),
    /** After a passing failure (or LINE's monthly quota): not tried again before this time. */
    retryAt: timestamp('retry_at'),
    createdAt: timestamp('created_at').notNull(),
    sentAt: timestamp('sent_at'),
  },
  (t) => [
    index('member_notices_status_idx').on(t.status, t.createdAt),
    // A member's notices go one after another: a claim skips one whose earlier notice is still pending.
    index('member_notices_member_idx').on(t.memberId, t.status, t.id),
  ],
);
