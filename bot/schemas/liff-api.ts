/**
 * The member mini-app's API (`/api/liff/*`): TypeBox schemas for the routes (bot/routes/liff/*) and the types the
 * LIFF app imports. Every request carries the LIFF ID token as `Authorization: Bearer <token>`; the server takes
 * the LINE user only from the token it verified (401 ID_TOKEN_EXPIRED: log in again; ID_TOKEN_INVALID;
 * ID_TOKEN_MISSING). Errors are `ApiError`; the app maps `code` to a zh-TW / en message. Requests are strict
 * (bot/plugins/strict-input.ts): no type is coerced and an unknown field is refused.
 */
import Type, { type Static, type TSchema } from 'typebox';
import { FIELD_PROBLEMS } from '../domain/member-fields.ts';

/** What is wrong with a field of the member's forms (bot/domain/member-fields.ts). */
export const FieldProblem = Type.Enum(FIELD_PROBLEMS);
export type FieldProblem = Static<typeof FieldProblem>;

export interface ApiError {
  code: string;
  message: string;
  /** For INVALID_FIELDS: the field name and the code of what is wrong with it. */
  fields?: Record<string, FieldProblem>;
  attemptsLeft?: number;
  lockedUntil?: string;
}

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Gender = Type.Union([Type.Literal('female'), Type.Literal('male'), Type.Literal('other')]);
const StoreChoice = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });

export const TierView = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  color: Type.String(),
});
export type TierView = Static<typeof TierView>;

export const MemberView = Type.Object({
  memberNumber: Type.String(),
  name: Type.String(),
  /** 0912***678 */
  phoneMasked: Type.String(),
  phone: Type.String(),
  birthday: Type.String(),
  gender: Nullable(Gender),
  email: Nullable(Type.String()),
  homeStore: Nullable(StoreChoice),
  tier: TierView,
  pointsBalance: Type.Integer(),
  marketingOptIn: Type.Boolean(),
  joinedAt: Type.String(),
});
export type MemberView = Static<typeof MemberView>;

/** GET /api/liff/config: opened before any sign-in. */
export const ConfigResponse = Type.Object({ liffId: Type.String(), demo: Type.Boolean() });
export type ConfigResponse = Static<typeof ConfigResponse>;

/** GET /api/liff/me */
export const MeResponse = Type.Object({
  lineUserId: Type.String(),
  displayName: Nullable(Type.String()),
  language: Type.Union([Type.Literal('zh-TW'), Type.Literal('en')]),
  member: Nullable(MemberView),
});
export type MeResponse = Static<typeof MeResponse>;

/** GET /api/liff/join-form: what the join form offers. */
export const JoinFormResponse = Type.Object({
  stores: Type.Array(StoreChoice),
  termsVersion: Type.String(),
  privacyVersion: Type.String(),
  termsUrl: Type.String(),
  privacyUrl: Type.String(),
});
export type JoinFormResponse = Static<typeof JoinFormResponse>;

const Consent = {
  acceptTerms: Type.Boolean(),
  termsVersion: Type.String(),
  privacyVersion: Type.String(),
  marketingOptIn: Type.Boolean(),
};

/**
 * POST /api/liff/members: 201 MemberView; 400 INVALID_FIELDS; 409 ALREADY_MEMBER; 409 PHONE_REGISTERED when any
 * membership uses the number (go to the claim step); 423 PHONE_LOCKED with lockedUntil after too many of those.
 */
export const JoinRequest = Type.Object(
  {
    phone: Type.String(),
    name: Type.String(),
    birthday: Type.String(),
    gender: Type.Optional(Nullable(Gender)),
    email: Type.Optional(Nullable(Type.String())),
    homeStoreId: Type.Integer(),
    ...Consent,
  },
  { additionalProperties: false },
);
export type JoinRequest = Static<typeof JoinRequest>;

/**
 * POST /api/liff/members/claim: an in-store membership, proven by phone and either the birthday on record or a
 * claim code a clerk handed over (8 digits). 200 MemberView; 400 CLAIM_MISMATCH with attemptsLeft (the same for
 * an unknown number, one bound to LINE, a wrong birthday or code); 423 CLAIM_LOCKED with lockedUntil.
 */
export const ClaimRequest = Type.Object(
  {
    phone: Type.String(),
    birthday: Type.Optional(Type.String()),
    claimCode: Type.Optional(Type.String()),
    ...Consent,
  },
  { additionalProperties: false },
);
export type ClaimRequest = Static<typeof ClaimRequest>;

/**
 * PATCH /api/liff/members/me: 200 MemberView; 400 INVALID_FIELDS (phone PHONE_REGISTERED for a number in use;
 * birthday BIRTHDAY_LOCKED: it cannot change once set); 423 PHONE_LOCKED with lockedUntil.
 */
export const ProfileUpdate = Type.Object(
  {
    name: Type.Optional(Type.String()),
    phone: Type.Optional(Type.String()),
    email: Type.Optional(Nullable(Type.String())),
    gender: Type.Optional(Nullable(Gender)),
    homeStoreId: Type.Optional(Type.Integer()),
    marketingOptIn: Type.Optional(Type.Boolean()),
    birthday: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);
export type ProfileUpdate = Static<typeof ProfileUpdate>;

/**
 * GET /api/liff/card: what the card needs to show rotating codes, also offline for a while.
 * code(t) = cardId + HOTP(secret, floor(t / periodSeconds)) (8 digits, RFC 4226 with HMAC-SHA256);
 * the server accepts the current and the previous period only.
 */
export const CardResponse = Type.Object({
  cardId: Type.String(),
  secret: Type.String(),
  periodSeconds: Type.Integer(),
  digits: Type.Integer(),
  member: Type.Object({ name: Type.String(), tier: TierView, pointsBalance: Type.Integer() }),
});
export type CardResponse = Static<typeof CardResponse>;

/** GET /api/liff/points */
export const PointsResponse = Type.Object({
  balance: Type.Integer(),
  /** `lastDay`: the last day (Taipei, YYYY-MM-DD) the points can be used, the date shown; `expiresAt` the instant after it. */
  expiring: Type.Array(
    Type.Object({ points: Type.Integer(), expiresAt: Type.String(), lastDay: Type.String() }),
  ),
});
export type PointsResponse = Static<typeof PointsResponse>;

/**
 * What a history row shows happened: points earned, paid with points, expired, adjusted, or a refund or a void
 * of a purchase (what it took back or gave back). Never a row of zero points.
 */
export const HistoryKind = Type.Enum(['earn', 'redeem', 'expire', 'adjust', 'refund', 'void', 'exchange']);
export type HistoryKind = Static<typeof HistoryKind>;

/** GET /api/liff/points/history?before=<id>: newest first, 20 a page. */
export const PointsHistoryQuery = Type.Object({ before: Type.Optional(Type.Integer({ minimum: 1 })) });
export const PointsHistoryResponse = Type.Object({
  entries: Type.Array(
    Type.Object({
      id: Type.Integer(),
      kind: HistoryKind,
      points: Type.Integer(),
      storeName: Nullable(Type.String()),
      channel: Type.Union([Type.Literal('store'), Type.Literal('online'), Type.Literal('other')]),
      reference: Nullable(Type.String()),
      occurredAt: Type.String(),
    }),
  ),
  nextBefore: Nullable(Type.Integer()),
});
export type PointsHistoryResponse = Static<typeof PointsHistoryResponse>;

/** GET /api/liff/tier */
export const TierResponse = Type.Object({
  current: Type.Object({ ...TierView.properties, benefits: Type.Array(Type.String()) }),
  next: Nullable(
    Type.Object({ ...TierView.properties, qualifyingSpend: Type.Integer(), remaining: Type.Integer() }),
  ),
  /** NT$ of qualifying spend over the last 12 months. */
  spend12Months: Type.Integer(),
  reviewAt: Nullable(Type.String()),
});
export type TierResponse = Static<typeof TierResponse>;

/** GET /api/liff/members/me/export: everything the product holds about the member, as a JSON download. */
export const DataExport = Type.Record(Type.String(), Type.Unknown());
export type DataExport = Static<typeof DataExport>;

/** DELETE /api/liff/members/me: 204. POST /api/liff/members/me/unbind: 204. */
export const NoContent = Type.Null();
