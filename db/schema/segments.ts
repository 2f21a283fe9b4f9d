import { boolean, id, index, integer, json, primaryKey, table, text, timestamp } from '#db/dialect/columns';
import { members } from './members.ts';
import { staff } from './staff.ts';

/**
 * A label on members: put on by staff (`manual`), or by a segment's rules (`rule`), which the daily job refreshes
 * (bot/domain/segments/rule-tags.ts). The rules are the segment rules' JSON tree (ADR 0028).
 */
export const tags = table('tags', {
  id: id('id'),
  name: text('name').notNull().unique(),
  kind: text('kind', { enum: ['manual', 'rule'] }).notNull(),
  rules: json<unknown>('rules'),
  /** When the rule's members were last put in `member_tags`. */
  refreshedAt: timestamp('refreshed_at'),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

/** Which member wears which tag; the tag index finds a tag's members without reading the rest. */
export const memberTags = table(
  'member_tags',
  {
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id),
    staffId: integer('staff_id').references(() => staff.id),
    taggedAt: timestamp('tagged_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.memberId, t.tagId] }),
    index('member_tags_tag_idx').on(t.tagId, t.memberId),
  ],
);

/** A saved segment: a name and the rules a marketer built in the console. */
export const segments = table('segments', {
  id: id('id'),
  name: text('name').notNull(),
  rules: json<unknown>('rules').notNull(),
  createdBy: integer('created_by').references(() => staff.id),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

/**
 * One narrow row per member with everything a segment asks about, so a count reads one small table instead of
 * members, LINE friends and ten million purchases (ADR 0028). Rebuilt in batches by the daily job; the purchases
 * recorded after `segment_facts_state.purchaseWatermark` are added live by the count. Windows are the Taipei days
 * before `asOfDay` (7, 30, 90, 180, 365); spend is what was paid less refunds, voided purchases left out.
 */
export const memberFacts = table(
  'member_facts',
  {
    memberId: integer('member_id')
      .primaryKey()
      .references(() => members.id),
    active: boolean('active').notNull(),
    tierCode: text('tier_code').notNull(),
    homeStoreId: integer('home_store_id'),
    /** YYYY-MM-DD and its month (1-12), null when unknown. */
    birthday: text('birthday'),
    birthMonth: integer('birth_month'),
    gender: text('gender'),
    joinedAt: timestamp('joined_at').notNull(),
    pointsBalance: integer('points_balance').notNull(),
    marketingOptIn: boolean('marketing_opt_in').notNull(),
    /** A LINE friend now (not blocked), and a LINE account that blocked the brand. */
    friend: boolean('friend').notNull(),
    blocked: boolean('blocked').notNull(),
    lastPurchaseAt: timestamp('last_purchase_at'),
    lastStorePurchaseAt: timestamp('last_store_purchase_at'),
    lastOnlinePurchaseAt: timestamp('last_online_purchase_at'),
    purchases7: integer('purchases_7').notNull(),
    spend7: integer('spend_7').notNull(),
    purchases30: integer('purchases_30').notNull(),
    spend30: integer('spend_30').notNull(),
    purchases90: integer('purchases_90').notNull(),
    spend90: integer('spend_90').notNull(),
    purchases180: integer('purchases_180').notNull(),
    spend180: integer('spend_180').notNull(),
    purchases365: integer('purchases_365').notNull(),
    spend365: integer('spend_365').notNull(),
  },
  (t) => [index('member_facts_store_idx').on(t.homeStoreId), index('member_facts_tier_idx').on(t.tierCode)],
);

/** The one row saying how far `member_facts` goes: purchases up to the watermark, windows ending at `asOfDay`. */
export const segmentFactsState = table('segment_facts_state', {
  id: integer('id').primaryKey(),
  /** The Taipei day (YYYY-MM-DD) the windows end before. */
  asOfDay: text('as_of_day').notNull(),
  /** The highest purchase id the facts include; later ones are counted live. */
  purchaseWatermark: integer('purchase_watermark').notNull(),
  refreshedAt: timestamp('refreshed_at').notNull(),
});
