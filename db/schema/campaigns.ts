import {
  boolean,
  id,
  index,
  integer,
  json,
  primaryKey,
  table,
  text,
  timestamp,
  uniqueIndex,
} from '#db/dialect/columns';
import type { CampaignMessage } from './campaign-message.ts';
import { members } from './members.ts';
import { segments } from './segments.ts';
import { staff } from './staff.ts';

/**
 * A marketing push to a segment: what it says (zh-TW and English), to whom (the segment's rules, frozen into
 * `campaign_recipients` by the sender once it is started: `freezing` until then), when, and how it went. Each
 * campaign sends with its own `customAggregationUnits` name so LINE's statistics can be read per campaign.
 */
export const campaigns = table(
  'campaigns',
  {
    id: id('id'),
    name: text('name').notNull(),
    segmentId: integer('segment_id').references(() => segments.id),
    /** The rules the recipients were chosen by: the segment's, copied when the campaign is saved. */
    rules: json<unknown>('rules').notNull(),
    message: json<CampaignMessage>('message').notNull(),
    status: text('status', {
      enum: ['draft', 'freezing', 'scheduled', 'sending', 'paused', 'sent', 'cancelled'],
    }).notNull(),
    /** When it is to go; null sends when started. A scheduled push in quiet hours waits for them to end. */
    scheduledAt: timestamp('scheduled_at'),
    /** `customAggregationUnits`: ^[a-zA-Z0-9_]{1,30}$ */
    aggregationUnit: text('aggregation_unit').notNull(),
    /** Percent of the matching members held out at random (recorded in campaign_recipients), 0-50. */
    holdoutPercent: integer('holdout_percent').notNull(),
    /** NT$ the marketer confirmed it may cost beyond the free quota (the hard cap asks for it). */
    confirmedCost: integer('confirmed_cost'),
    /** Counted as it goes: frozen recipients (not held out), held out, messages sent and failed. */
    recipients: integer('recipients').notNull().default(0),
    heldOut: integer('held_out').notNull().default(0),
    sent: integer('sent').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    createdBy: integer('created_by').references(() => staff.id),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
    frozenAt: timestamp('frozen_at'),
    startedAt: timestamp('started_at'),
    finishedAt: timestamp('finished_at'),
  },
  (t) => [index('campaigns_status_idx').on(t.status, t.scheduledAt)],
);

/**
 * Who a campaign went to, fixed when it started: each recipient once (the key), in one batch of at most 500 of
 * one language, or held out (no batch) for measuring the uplift; `skipped` names why a matching member got
 * nothing (fatigue, blocked since, opted out since).
 */
export const campaignRecipients = table(
  'campaign_recipients',
  {
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    lineUserId: text('line_user_id'),
    language: text('language', { enum: ['zh-TW', 'en'] }).notNull(),
    holdout: boolean('holdout').notNull(),
    batchNo: integer('batch_no'),
    skipped: text('skipped', { enum: ['fatigue', 'blocked', 'opted_out'] }),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.memberId] }),
    index('campaign_recipients_batch_idx').on(t.campaignId, t.batchNo),
    // The fatigue rule counts a member's marketing pushes of the last days.
    index('campaign_recipients_member_idx').on(t.memberId),
  ],
);

/**
 * One multicast request: up to 500 recipients, sent with its own X-Line-Retry-Key, claimed by one instance at a
 * time under a lease (ADR 17). A 409 from LINE (the key was already accepted) counts as sent.
 */
export const campaignBatches = table(
  'campaign_batches',
  {
    id: id('id'),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    batchNo: integer('batch_no').notNull(),
    language: text('language', { enum: ['zh-TW', 'en'] }).notNull(),
    size: integer('size').notNull(),
    /** A UUID, the same for every attempt. */
    retryKey: text('retry_key').notNull().unique(),
    status: text('status', { enum: ['pending', 'sent', 'failed'] }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    claimedBy: text('claimed_by'),
    claimedUntil: timestamp('claimed_until'),
    retryAt: timestamp('retry_at'),
    sentAt: timestamp('sent_at'),
  },
  (t) => [
    uniqueIndex('campaign_batches_no_idx').on(t.campaignId, t.batchNo),
    index('campaign_batches_status_idx').on(t.status, t.campaignId),
  ],
);

/** A recipient opened a campaign's link (through the product's own redirect): per member, for the results. */
export const campaignClicks = table(
  'campaign_clicks',
  {
    id: id('id'),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    memberId: integer('member_id').references(() => members.id),
    target: text('target').notNull(),
    at: timestamp('at').notNull(),
  },
  (t) => [index('campaign_clicks_campaign_idx').on(t.campaignId, t.memberId)],
);

/**
 * Requests sent to LINE per second, across every instance: the multicast limit (200 a second by default) is
 * shared, so each instance takes a slot in the current second's row before it sends.
 */
export const rateWindows = table(
  'rate_windows',
  {
    name: text('name').notNull(),
    /** Unix second (or other window start) the count is for. */
    window: integer('window').notNull(),
    used: integer('used').notNull(),
  },
  (t) => [primaryKey({ columns: [t.name, t.window] })],
);

/** One row (id 1): the brand's rules for marketing pushes, edited by an admin. */
export const marketingSettings = table('marketing_settings', {
  id: integer('id').primaryKey(),
  /** At most this many marketing pushes to one member in 7 days. */
  weeklyLimit: integer('weekly_limit').notNull().default(2),
  /** Quiet hours in Taipei time, HH:MM; a scheduled push waits for their end. */
  quietStart: text('quiet_start').notNull().default('22:00'),
  quietEnd: text('quiet_end').notNull().default('09:00'),
  holdoutPercent: integer('holdout_percent').notNull().default(5),
  /** NT$ a month the brand allows for messages beyond the free quota; null for no budget. */
  monthlyBudget: integer('monthly_budget'),
  /** LINE's plan the account is on (a code of the plan table) and the table itself, when not the default one. */
  planCode: text('plan_code').notNull().default('light'),
  plans: json<unknown>('plans'),
  /** Multicast requests a second for all instances together (LINE: 200). */
  requestsPerSecond: integer('requests_per_second').notNull().default(200),
  updatedAt: timestamp('updated_at').notNull(),
});
