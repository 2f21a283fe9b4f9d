import Type, { type Static } from 'typebox';
import { CounterCoupon } from './counter-api.ts';

/**
 * Coupon templates as the staff console reads and edits them (bot/routes/staff/coupon-templates.ts), and a coupon
 * a staff member gives a member. Shapes only: every rule of the business (which fields a kind needs, a window or
 * a number of days) is checked by the domain and answered field by field with 400 INVALID_FIELDS.
 */
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(type: T) =>
  Type.Union([type, Type.Null()]);
const Money = Type.Integer();
const When = Nullable(Type.String({ format: 'date-time' }));
const Text = (maxLength: number) => Type.String({ maxLength });

const templateFields = {
  kind: Type.Union([Type.Literal('amount_off'), Type.Literal('percent_off'), Type.Literal('gift')]),
  amountOff: Nullable(Money),
  percentOff: Nullable(Type.Integer()),
  maxDiscount: Nullable(Money),
  giftName: Nullable(Text(200)),
  giftNameEn: Nullable(Text(200)),
  minSpend: Money,
  validFrom: When,
  validUntil: When,
  validDays: Nullable(Type.Integer()),
  totalCap: Nullable(Type.Integer()),
  perMemberCap: Nullable(Type.Integer()),
  discountBudget: Nullable(Money),
  storeIds: Nullable(Type.Array(Type.Integer(), { maxItems: 500 })),
  channels: Type.Array(Type.Union([Type.Literal('store'), Type.Literal('online'), Type.Literal('other')]), {
    maxItems: 3,
  }),
  title: Text(200),
  titleEn: Text(200),
  imageUrl: Nullable(Text(600)),
  terms: Text(4000),
  termsEn: Text(4000),
  stackable: Type.Boolean(),
  active: Type.Boolean(),
  /** Ways in besides a staff give (ADR 26): a claim link, a lottery (needs claimable), points, by itself. */
  claimable: Type.Boolean(),
  lotteryWinPercent: Nullable(Type.Integer()),
  pointsPrice: Nullable(Type.Integer()),
  autoIssue: Nullable(Type.Union([Type.Literal('join'), Type.Literal('tier'), Type.Literal('birthday')])),
  autoIssueTier: Nullable(Text(40)),
};

const { kind, minSpend, channels, title, titleEn, terms, termsEn, stackable, ...optional } = templateFields;

/** A new template: what every kind needs is required, the rest may be left out (null). */
export const NewCouponTemplateBody = Type.Object(
  {
    ...{ kind, minSpend, channels, title, titleEn, terms, termsEn, stackable },
    ...Type.Partial(Type.Object(optional)).properties,
  },
  { additionalProperties: false },
);
export const CouponTemplateChangesBody = Type.Partial(Type.Object(templateFields), {
  additionalProperties: false,
});
export const CouponTemplateView = Type.Object({
  id: Type.Integer(),
  ...templateFields,
  issuedCount: Type.Integer(),
  discountGiven: Type.Integer(),
  previousId: Nullable(Type.Integer()),
  updatedAt: Type.String(),
});

/** GET /api/staff/coupon-templates/giveable: what a clerk may give the member at the counter, in words. */
export const GiveableTemplate = Type.Omit(CounterCoupon, ['code', 'validUntil']);

/** POST /api/staff/members/:id/coupons: 201 GivenCoupon (200 for a replay of the same key). */
export const GiveCouponBody = Type.Object(
  { templateId: Type.Integer({ minimum: 1 }), idempotencyKey: Type.String({ minLength: 8, maxLength: 100 }) },
  { additionalProperties: false },
);
export const GivenCoupon = Type.Object({
  id: Type.Integer(),
  templateId: Type.Integer(),
  memberId: Type.Integer(),
  code: Type.String(),
  status: Type.String(),
  issuedAt: Type.String(),
  validFrom: Type.String(),
  validUntil: Type.String(),
});

export type CouponTemplateBody = Static<typeof NewCouponTemplateBody>;

/** POST /api/staff/coupons/:id/void: a store manager or an admin voids an unused coupon; points paid come back. */
export const VoidCouponBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export const VoidedCoupon = Type.Object({
  id: Type.Integer(),
  memberId: Type.Integer(),
  code: Type.String(),
  status: Type.Literal('void'),
  /** Points given back to the member (a coupon from the rewards catalogue), else 0. */
  pointsReturned: Type.Integer(),
  balance: Type.Integer(),
});
