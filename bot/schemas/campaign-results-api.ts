import Type, { type Static } from 'typebox';

/**
 * A campaign's results (GET /api/staff/campaigns/:id/results, campaign.results) and the member app's click
 * (POST /api/liff/campaign-clicks). bot/domain/campaigns/results.ts says what each figure counts. Money is whole
 * NT$; days count from the campaign's start.
 */
const Count = Type.Integer({ minimum: 0 });
const Money = Type.Integer();

/** `days`: the sales, claims and the chart cover this many days from the start (1–90, 14 by default). */
export const CampaignResultsQuery = Type.Object(
  { days: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })) },
  { additionalProperties: false },
);

/** One group's purchases in the window: recipients, or the holdout. */
export const GroupSales = Type.Object({
  /** Members in the group: its size, what spend per member is divided by. */
  members: Count,
  /** Members who bought at least once (a voided purchase does not count). */
  buyers: Count,
  /**
   * NT$ paid, less refunds, at the counter, online, and in all (`total` also has the other channel): purchases,
   * and orders whose points were earned without a purchase (an online shop's).
   */
  inStore: Money,
  online: Money,
  total: Money,
  /** `total` / `members`, rounded to whole NT$; 0 for an empty group. */
  perMember: Money,
});

export const CampaignResultsDay = Type.Object({
  /** Days since the start: 0 is the first 24 hours. */
  day: Count,
  recipientsSpend: Money,
  holdoutSpend: Money,
  clicks: Count,
  claims: Count,
});

export const CampaignResults = Type.Object({
  campaignId: Type.Integer(),
  days: Type.Integer({ minimum: 1, maximum: 90 }),
  /** The window: from the start to `days` later (ISO instants); null before the campaign started. */
  from: Type.Union([Type.String(), Type.Null()]),
  until: Type.Union([Type.String(), Type.Null()]),
  /** Sent to (not held out, not skipped), held out, skipped; delivered and failed by their batch's outcome. */
  recipients: Count,
  heldOut: Count,
  skipped: Count,
  delivered: Count,
  failed: Count,
  /** Members who opened the campaign's link, and every click (with those outside the member app). */
  clicks: Type.Object({ members: Count, total: Count }),
  /** A coupon campaign's coupons claimed in the window by recipients or through its link, and used since. */
  coupons: Type.Union([Type.Object({ claimed: Count, redeemed: Count, throughLink: Count }), Type.Null()]),
  sales: Type.Object({
    recipients: GroupSales,
    holdout: GroupSales,
    /** Recipients' spend per member less the holdout's (NT$), and that as a percentage of the holdout's. */
    uplift: Type.Union([Money, Type.Null()]),
    upliftPercent: Type.Union([Type.Number(), Type.Null()]),
  }),
  /** Delivered recipients who blocked the account in the 48 hours after their batch was sent. */
  unfollows: Count,
  /** One row per day of the window that has begun. */
  series: Type.Array(CampaignResultsDay),
});
export type CampaignResults = Static<typeof CampaignResults>;
export type GroupSales = Static<typeof GroupSales>;
export type CampaignResultsDay = Static<typeof CampaignResultsDay>;

/** The token of the link the member opened (`?c=`), as the campaign's messages carry it. */
export const CampaignClickBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false },
);

export const CampaignClickAnswer = Type.Object({
  /** The announcement's link to go on to; null for a coupon (its claim goes on in the app). */
  target: Type.Union([Type.String(), Type.Null()]),
  /** Recorded for the member now (false: it had been, or the LINE user is no member). */
  recorded: Type.Boolean(),
});
export type CampaignClickAnswer = Static<typeof CampaignClickAnswer>;
