import { boolean, id, index, integer, json, table, text, timestamp, uniqueIndex } from '#db/dialect/columns';
import { members } from './members.ts';

export type CouponKind = 'amount_off' | 'percent_off' | 'gift';
export type CouponChannel = 'store' | 'online' | 'other';
/** When a template's coupon is given without anyone asking: on joining, on reaching a tier, in the birthday month. */
export type AutoIssue = 'join' | 'tier' | 'birthday';

/**
 * What a coupon gives and where it can be used. Once a template has issued coupons, what they mean (kind,
 * value, minimum spend, validity, stores, channels, terms, stacking) is frozen: an edit of those makes a copy
 * that `previousId` points back from, and retires this one (docs/decisions/0026-coupon-templates.md).
 */
export const couponTemplates = table('coupon_templates', {
  id: id('id'),
  kind: text('kind', { enum: ['amount_off', 'percent_off', 'gift'] }).notNull(),
  /** NT$ off for amount_off. */
  amountOff: integer('amount_off'),
  /** 1-99 for percent_off, with the most NT$ it may take off in `maxDiscount`. */
  percentOff: integer('percent_off'),
  maxDiscount: integer('max_discount'),
  /** The gift's name for gift, in zh-TW and English. */
  giftName: text('gift_name'),
  giftNameEn: text('gift_name_en'),
  /** NT$ the purchase must reach; 0 for none. */
  minSpend: integer('min_spend').notNull(),
  /** Validity: a window (validFrom-validUntil), or `validDays` Taipei days from the day of issue. */
  validFrom: timestamp('valid_from'),
  validUntil: timestamp('valid_until'),
  validDays: integer('valid_days'),
  /** Caps: null means no cap. The discount budget is spent by redemptions. */
  totalCap: integer('total_cap'),
  perMemberCap: integer('per_member_cap'),
  discountBudget: integer('discount_budget'),
  /** Where it can be used: store ids (null: every store) and channels. */
  storeIds: json<number[]>('store_ids'),
  channels: json<CouponChannel[]>('channels').notNull(),
  title: text('title').notNull(),
  titleEn: text('title_en').notNull(),
  imageUrl: text('image_url'),
  terms: text('terms').notNull(),
  termsEn: text('terms_en').notNull(),
  stackable: boolean('stackable').notNull(),
  active: boolean('active').notNull(),
  /** Ways in besides a staff give. A claim link or Flex button issues it to the member who opens it. */
  claimable: boolean('claimable').notNull().default(false),
  /** A claim is a lottery draw won with this chance (1-100 percent); one draw per member (`coupon_draws`). */
  lotteryWinPercent: integer('lottery_win_percent'),
  /** In the rewards catalogue: a member exchanges this many points for one coupon. */
  pointsPrice: integer('points_price'),
  /** Given by itself on joining, on reaching `autoIssueTier`, or in the birthday month. */
  autoIssue: text('auto_issue', { enum: ['join', 'tier', 'birthday'] }),
  autoIssueTier: text('auto_issue_tier'),
  /** How many coupons it has issued: counted under the template's row lock, so the caps hold. */
  issuedCount: integer('issued_count').notNull(),
  /** NT$ its redeemed coupons have taken off: counted under the template's row lock, against `discountBudget`. */
  discountGiven: integer('discount_given').notNull().default(0),
  /** The template this one was copied from when its meaning was edited after issuing. */
  previousId: integer('previous_id'),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

/** One member's own coupon, with its own code (the counter finds it by the code). */
export const coupons = table(
  'coupons',
  {
    id: id('id'),
    templateId: integer('template_id')
      .notNull()
      .references(() => couponTemplates.id),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    code: text('code').notNull().unique(),
    status: text('status', { enum: ['issued', 'used', 'expired', 'void'] }).notNull(),
    /** How it was issued: a staff member gave it, a claim link, a lottery, points, joining, tier, birthday. */
    how: text('how', {
      enum: ['staff', 'claim', 'lottery', 'points', 'join', 'tier', 'birthday'],
    }).notNull(),
    staffId: integer('staff_id'),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    issuedAt: timestamp('issued_at').notNull(),
    validFrom: timestamp('valid_from').notNull(),
    validUntil: timestamp('valid_until').notNull(),
    /** Points paid for it in the rewards catalogue (`how` = points); given back only as ADR 27 says. */
    pointsSpent: integer('points_spent'),
    /** Where and when it was used: the purchase that took its discount (null again if that purchase is voided). */
    usedAt: timestamp('used_at'),
    purchaseId: integer('purchase_id'),
    usedStoreId: integer('used_store_id'),
    /** NT$ it took off that purchase. */
    discount: integer('discount'),
    /** When the member was reminded that it is about to expire. */
    remindedAt: timestamp('reminded_at'),
  },
  (t) => [
    index('coupons_member_idx').on(t.memberId, t.status),
    index('coupons_template_member_idx').on(t.templateId, t.memberId),
    index('coupons_purchase_idx').on(t.purchaseId),
    index('coupons_expiry_idx').on(t.status, t.validUntil),
  ],
);

/** A member's one lottery draw of a template: won or not, and the coupon it gave. */
export const couponDraws = table(
  'coupon_draws',
  {
    id: id('id'),
    templateId: integer('template_id')
      .notNull()
      .references(() => couponTemplates.id),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    won: boolean('won').notNull(),
    couponId: integer('coupon_id').references(() => coupons.id),
    drawnAt: timestamp('drawn_at').notNull(),
  },
  (t) => [uniqueIndex('coupon_draws_member_idx').on(t.templateId, t.memberId)],
);
