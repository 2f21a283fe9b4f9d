import { integer, primaryKey, table, text, timestamp } from '#db/dialect/columns';

/**
 * The dashboard's daily rollup (ADR 0034): one row per Taipei day and store (0: no store, as online orders and the
 * daily job's expiries), summed from the append-only rows up to `dashboard_state`'s watermarks. Rows past the
 * watermarks are added live by the dashboard's read, so a day is complete while it is today and final after.
 */
export const dashboardDays = table(
  'dashboard_days',
  {
    /** YYYY-MM-DD in Asia/Taipei. */
    day: text('day').notNull(),
    storeId: integer('store_id').notNull(),
    /** Purchases recorded, and NT$ paid (refunds are taken off on the refund's day). */
    orders: integer('orders').notNull().default(0),
    sales: integer('sales').notNull().default(0),
    storeSales: integer('store_sales').notNull().default(0),
    onlineSales: integer('online_sales').notNull().default(0),
    /** Points earned by purchases, points paid at purchases, and every ledger entry's points added up. */
    pointsEarned: integer('points_earned').notNull().default(0),
    pointsPaid: integer('points_paid').notNull().default(0),
    pointsNet: integer('points_net').notNull().default(0),
    /** Coupons put in wallets, those the member took (claim, lottery, points) and coupons used at purchases. */
    couponsIssued: integer('coupons_issued').notNull().default(0),
    couponsClaimed: integer('coupons_claimed').notNull().default(0),
    couponsUsed: integer('coupons_used').notNull().default(0),
    /** Members who bound their LINE account: joined in LINE, or claimed an imported membership. */
    binds: integer('binds').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.storeId] })],
);

/** The one row saying how far `dashboard_days` goes, and the morning's snapshot of what is not a daily sum. */
export const dashboardState = table('dashboard_state', {
  id: integer('id').primaryKey(),
  ledgerWatermark: integer('ledger_watermark').notNull(),
  purchaseWatermark: integer('purchase_watermark').notNull(),
  refundWatermark: integer('refund_watermark').notNull(),
  couponWatermark: integer('coupon_watermark').notNull(),
  memberWatermark: integer('member_watermark').notNull(),
  claimWatermark: integer('claim_watermark').notNull(),
  /** The Taipei day the snapshot was taken on: LINE friends, blocked, points expiring in 30 and 90 days. */
  snapshotDay: text('snapshot_day'),
  friends: integer('friends').notNull().default(0),
  blocked: integer('blocked').notNull().default(0),
  expiring30: integer('expiring_30').notNull().default(0),
  expiring90: integer('expiring_90').notNull().default(0),
  rolledAt: timestamp('rolled_at').notNull(),
});

/**
 * The morning's members by home store (0: none), from the segments' facts (ADR 0028): members, friends, blocked,
 * those who bought in the 30 and 90 days before, and those who bought twice or more in the 90 days.
 */
export const dashboardStoreMembers = table('dashboard_store_members', {
  storeId: integer('store_id').primaryKey(),
  members: integer('members').notNull(),
  friends: integer('friends').notNull(),
  blocked: integer('blocked').notNull(),
  active30: integer('active_30').notNull(),
  active90: integer('active_90').notNull(),
  repeat90: integer('repeat_90').notNull(),
});

/**
 * What each recent campaign's recipients and holdout spent in its results' window (ADR 0034), for the dashboard's
 * uplift: the sum over the recipients with member ids up to `memberCursor` of the purchases, refunds and online
 * earnings with ids up to the watermarks. The rollup moves the cursor through the recipients, then the watermarks;
 * the read adds what is past either live.
 */
export const dashboardCampaigns = table('dashboard_campaigns', {
  /** No foreign key: a derived row, and a campaign deleted (as bench:push deletes its own) leaves it unread. */
  campaignId: integer('campaign_id').primaryKey(),
  memberCursor: integer('member_cursor').notNull(),
  purchaseWatermark: integer('purchase_watermark').notNull(),
  refundWatermark: integer('refund_watermark').notNull(),
  ledgerWatermark: integer('ledger_watermark').notNull(),
  /** Recipients sent to and held out (the skipped are in neither), and NT$ each group paid in the window. */
  recipients: integer('recipients').notNull(),
  heldOut: integer('held_out').notNull(),
  recipientsSales: integer('recipients_sales').notNull(),
  holdoutSales: integer('holdout_sales').notNull(),
});
