import Type, { type Static } from 'typebox';

/**
 * GET /api/staff/coupon-templates/:id/results (coupon_template.read): how a template's coupons have done, as the
 * console's results page shows them (bot/domain/coupon-results.ts says what each figure counts).
 */
const Count = Type.Integer({ minimum: 0 });

/** `versions=all`: count the template and every version it was copied from (a campaign edited after issuing). */
export const CouponResultsQuery = Type.Object(
  { versions: Type.Optional(Type.Union([Type.Literal('this'), Type.Literal('all')])) },
  { additionalProperties: false },
);

export const CouponStoreResults = Type.Object({
  /** Null for purchases of no store (online). */
  storeId: Type.Union([Type.Integer(), Type.Null()]),
  storeName: Type.Union([Type.String(), Type.Null()]),
  used: Count,
  discount: Type.Integer(),
  /** NT$ paid for the purchases that used the coupons (after every discount), less what was refunded. */
  sales: Type.Integer(),
});

export const CouponTemplateResults = Type.Object({
  templateId: Type.Integer(),
  issued: Count,
  /** Issued without staff: claim, lottery, points, join, tier, birthday. */
  claimed: Count,
  byHow: Type.Object({
    staff: Count,
    claim: Count,
    lottery: Count,
    points: Count,
    join: Count,
    tier: Count,
    birthday: Count,
  }),
  draws: Count,
  unused: Count,
  used: Count,
  expired: Count,
  void: Count,
  discountGiven: Type.Integer(),
  /** This template's budget and what is left of it: its own coupons count against it (ADR 26). */
  budget: Type.Union([Type.Integer(), Type.Null()]),
  budgetLeft: Type.Union([Type.Integer(), Type.Null()]),
  /** The templates counted, newest first: this one, and with `versions=all` those it was copied from. */
  versions: Type.Array(Type.Integer()),
  byStore: Type.Array(CouponStoreResults),
});
export type CouponTemplateResults = Static<typeof CouponTemplateResults>;
