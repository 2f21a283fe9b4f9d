import { boolean, index, integer, json, primaryKey, table, text, timestamp } from '#db/dialect/columns';
import type { CampaignMessage } from './campaign-message.ts';
import { campaigns } from './campaigns.ts';
import { members } from './members.ts';
import { staff } from './staff.ts';

/** The five journeys that run by themselves (ADR 0035). */
export const JOURNEY_KINDS = ['welcome', 'birthday', 'points_expiring', 'win_back', 'tier_upgrade'] as const;
export type JourneyKind = (typeof JOURNEY_KINDS)[number];

/**
 * A journey as the marketer set it: switched on or off, what it says (a campaign's message: a coupon card names
 * its template), and its delay in days. One row a kind, written on the first save; until then it is off.
 */
export const journeys = table('journeys', {
  kind: text('kind', { enum: JOURNEY_KINDS }).primaryKey(),
  enabled: boolean('enabled').notNull(),
  message: json<CampaignMessage>('message').notNull(),
  delayDays: integer('delay_days').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
  updatedBy: integer('updated_by').references(() => staff.id),
});

/**
 * A member who entered a journey on one occasion (the join, a birthday year, an expiry date, a last purchase, an
 * upgrade): once each, the key, so a run repeated or taken over never sends twice. The day's entrants are the
 * recipients of the day's campaign, which the sender freezes from these rows instead of a segment's rules.
 */
export const journeyEntries = table(
  'journey_entries',
  {
    journey: text('journey', { enum: JOURNEY_KINDS }).notNull(),
    memberId: integer('member_id')
      .notNull()
      .references(() => members.id),
    occasion: text('occasion').notNull(),
    campaignId: integer('campaign_id')
      .notNull()
      .references(() => campaigns.id),
    /** The Taipei date of the run that entered them. */
    enteredOn: text('entered_on').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.journey, t.memberId, t.occasion] }),
    index('journey_entries_campaign_idx').on(t.campaignId, t.memberId),
  ],
);
