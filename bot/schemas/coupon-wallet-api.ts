/**
 * The member's coupons in the mini-app (`/api/liff/coupons*`, `/api/liff/rewards*`, bot/routes/liff/coupons.ts),
 * and the shapes the LINE messages and the wallet pages build on. A coupon's code is shown: it is an identifier,
 * not a bearer secret (using it at the counter needs the member's card; issue 13's contracts). Times are ISO
 * instants; the pages show them in Taipei time.
 */
import Type, { type Static, type TSchema } from 'typebox';
import type * as Domain from '../domain/coupon-wallet.ts';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const CouponKindView = Type.Union([
  Type.Literal('amount_off'),
  Type.Literal('percent_off'),
  Type.Literal('gift'),
]);
export const CouponChannelView = Type.Union([
  Type.Literal('store'),
  Type.Literal('online'),
  Type.Literal('other'),
]);
/** A coupon's state as people see it, from its row and the time (coupon-wallet.ts `stateOf`). */
export const CouponState = Type.Union([
  Type.Literal('usable'),
  Type.Literal('not_yet'),
  Type.Literal('used'),
  Type.Literal('expired'),
  Type.Literal('void'),
]);
export type CouponState = Static<typeof CouponState>;

/** What a coupon gives and where: the same for an issued coupon and an offer of its template. */
const meaning = {
  title: Type.String(),
  titleEn: Type.String(),
  imageUrl: Nullable(Type.String()),
  kind: CouponKindView,
  amountOff: Nullable(Type.Integer()),
  percentOff: Nullable(Type.Integer()),
  maxDiscount: Nullable(Type.Integer()),
  giftName: Nullable(Type.String()),
  giftNameEn: Nullable(Type.String()),
  minSpend: Type.Integer(),
  terms: Type.String(),
  termsEn: Type.String(),
  /** null: every store. */
  stores: Nullable(Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() }))),
  channels: Type.Array(CouponChannelView),
};

/** One of the member's coupons. */
export const CouponCardView = Type.Object({
  id: Type.Integer(),
  templateId: Type.Integer(),
  code: Type.String(),
  ...meaning,
  stackable: Type.Boolean(),
  validFrom: Type.String(),
  validUntil: Type.String(),
  state: CouponState,
  usedAt: Nullable(Type.String()),
  usedStoreName: Nullable(Type.String()),
  discount: Nullable(Type.Integer()),
});
export type CouponCardView = Static<typeof CouponCardView>;

/**
 * GET /api/liff/coupons. `usable` includes coupons not yet valid (soonest expiry first); `used` newest first;
 * `expired` holds expired and void coupons, newest first; at most 50 in each.
 */
export const WalletResponse = Type.Object({
  usable: Type.Array(CouponCardView),
  used: Type.Array(CouponCardView),
  expired: Type.Array(CouponCardView),
});
export type WalletResponse = Static<typeof WalletResponse>;

/** Why a member cannot claim or exchange an offer now. */
export const OfferRefusal = Type.Union([
  Type.Literal('COUPON_NOT_AVAILABLE'),
  Type.Literal('COUPONS_ALL_ISSUED'),
  Type.Literal('COUPON_MEMBER_LIMIT'),
  Type.Literal('LOTTERY_ALREADY_DRAWN'),
]);
export type OfferRefusal = Static<typeof OfferRefusal>;

/** A template as a member sees it before claiming or exchanging (GET /api/liff/coupon-offers/:templateId). */
export const CouponOfferView = Type.Object({
  templateId: Type.Integer(),
  ...meaning,
  validFrom: Nullable(Type.String()),
  validUntil: Nullable(Type.String()),
  validDays: Nullable(Type.Integer()),
  lotteryWinPercent: Nullable(Type.Integer()),
  pointsPrice: Nullable(Type.Integer()),
  canClaim: Type.Boolean(),
  reason: Nullable(OfferRefusal),
});
export type CouponOfferView = Static<typeof CouponOfferView>;

export const CouponParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export const OfferParams = Type.Object({ templateId: Type.Integer({ minimum: 1 }) });

/** POST /api/liff/coupons/claim: a claim link, a Flex button or a lottery draw. */
export const ClaimBody = Type.Object(
  {
    templateId: Type.Integer({ minimum: 1 }),
    idempotencyKey: Type.String({ minLength: 8, maxLength: 80 }),
  },
  { additionalProperties: false },
);
export type ClaimBody = Static<typeof ClaimBody>;
/** `lost`: a lottery draw that did not win (coupon null). A replay of the key answers the first outcome. */
export const ClaimResult = Type.Object({
  outcome: Type.Union([Type.Literal('issued'), Type.Literal('lost')]),
  coupon: Nullable(CouponCardView),
  replayed: Type.Boolean(),
});
export type ClaimResult = Static<typeof ClaimResult>;

/** GET /api/liff/rewards: the rewards catalogue, active templates with a points price. */
export const RewardsResponse = Type.Object({
  balance: Type.Integer(),
  rewards: Type.Array(CouponOfferView),
});
export type RewardsResponse = Static<typeof RewardsResponse>;

/** POST /api/liff/rewards/exchange: points for one coupon, in one transaction with the points ledger. */
export const ExchangeBody = Type.Object(
  {
    templateId: Type.Integer({ minimum: 1 }),
    idempotencyKey: Type.String({ minLength: 8, maxLength: 80 }),
  },
  { additionalProperties: false },
);
export type ExchangeBody = Static<typeof ExchangeBody>;
export const ExchangeResult = Type.Object({
  coupon: CouponCardView,
  balance: Type.Integer(),
  replayed: Type.Boolean(),
});
export type ExchangeResult = Static<typeof ExchangeResult>;

/** The domain builds these views (bot/domain/coupon-wallet.ts): the type checker keeps the two the same. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
true satisfies Same<CouponCardView, Domain.CouponCardView>;
true satisfies Same<CouponOfferView, Domain.CouponOfferView>;
true satisfies Same<WalletResponse, Domain.Wallet>;
