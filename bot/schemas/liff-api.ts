/**
 * The member mini-app's API (`/api/liff/*`): request and response shapes shared by the server and the LIFF app.
 * Every request carries the LIFF ID token as `Authorization: Bearer <token>`; the server takes the LINE user
 * only from the token it verified. Errors are `ApiError`; the app maps `code` to a zh-TW / en message.
 */

export interface ApiError {
  code: string;
  message: string;
  /** For INVALID_FIELDS: the field name and the code of what is wrong with it. */
  fields?: Record<string, FieldProblem>;
  attemptsLeft?: number;
  lockedUntil?: string;
}

/** 401 codes: ID_TOKEN_EXPIRED (log in again), ID_TOKEN_INVALID, ID_TOKEN_MISSING. */
export type FieldProblem =
  | 'REQUIRED'
  | 'PHONE_INVALID'
  | 'NAME_INVALID'
  | 'BIRTHDAY_INVALID'
  | 'BIRTHDAY_LOCKED'
  | 'EMAIL_INVALID'
  | 'GENDER_INVALID'
  | 'STORE_INVALID'
  | 'CONSENT_REQUIRED'
  | 'TERMS_OUTDATED'
  /** Profile: the number is another membership's (the same answer whoever holds it). */
  | 'PHONE_REGISTERED'
  /** Claim: the birthday or a claim code, one of them. */
  | 'BIRTHDAY_OR_CODE'
  | 'CLAIM_CODE_INVALID'
  /** A field the request does not take (requests are strict: nothing is coerced or dropped). */
  | 'UNKNOWN_FIELD'
  /** A value of the wrong type or form, for a field with no word of its own. */
  | 'INVALID';

export interface TierView {
  code: string;
  name: string;
  nameEn: string;
  color: string;
}

export interface MemberView {
  memberNumber: string;
  name: string;
  /** 0912***678 */
  phoneMasked: string;
  phone: string;
  birthday: string;
  gender: 'female' | 'male' | 'other' | null;
  email: string | null;
  homeStore: { id: number; code: string; name: string } | null;
  tier: TierView;
  pointsBalance: number;
  marketingOptIn: boolean;
  joinedAt: string;
}

/** GET /api/liff/me */
export interface MeResponse {
  lineUserId: string;
  displayName: string | null;
  language: 'zh-TW' | 'en';
  member: MemberView | null;
}

/** GET /api/liff/join-form: what the join form offers. */
export interface JoinFormResponse {
  stores: { id: number; code: string; name: string }[];
  termsVersion: string;
  privacyVersion: string;
  termsUrl: string;
  privacyUrl: string;
}

/**
 * POST /api/liff/members: 201 MemberView; 400 INVALID_FIELDS; 409 ALREADY_MEMBER; 409 PHONE_REGISTERED when any
 * membership uses the number (go to the claim step); 423 PHONE_LOCKED with lockedUntil after too many of those.
 */
export interface JoinRequest {
  phone: string;
  name: string;
  birthday: string;
  gender?: 'female' | 'male' | 'other' | null;
  email?: string | null;
  homeStoreId: number;
  acceptTerms: boolean;
  termsVersion: string;
  privacyVersion: string;
  marketingOptIn: boolean;
}

/**
 * POST /api/liff/members/claim: an in-store membership, proven by phone and either the birthday on record or a
 * claim code a clerk handed over (8 digits). 200 MemberView; 400 CLAIM_MISMATCH with attemptsLeft (the same for
 * an unknown number, one bound to LINE, a wrong birthday or code); 423 CLAIM_LOCKED with lockedUntil.
 */
export interface ClaimRequest {
  phone: string;
  birthday?: string;
  claimCode?: string;
  acceptTerms: boolean;
  termsVersion: string;
  privacyVersion: string;
  marketingOptIn: boolean;
}

/**
 * PATCH /api/liff/members/me: 200 MemberView; 400 INVALID_FIELDS (phone PHONE_REGISTERED for a number in use);
 * 423 PHONE_LOCKED with lockedUntil. Birthday cannot change once set.
 */
export interface ProfileUpdate {
  name?: string;
  phone?: string;
  email?: string | null;
  gender?: 'female' | 'male' | 'other' | null;
  homeStoreId?: number;
  marketingOptIn?: boolean;
}

/**
 * GET /api/liff/card: what the card needs to show rotating codes, also offline for a while.
 * code(t) = cardId + HOTP(secret, floor(t / periodSeconds)) (8 digits, RFC 4226 with HMAC-SHA256);
 * the server accepts the current and the previous period only.
 */
export interface CardResponse {
  cardId: string;
  secret: string;
  periodSeconds: number;
  digits: number;
  member: Pick<MemberView, 'name' | 'tier' | 'pointsBalance'>;
}

/** GET /api/liff/points */
export interface PointsResponse {
  balance: number;
  /** `lastDay`: the last day (Taipei, YYYY-MM-DD) the points can be used, the date shown; `expiresAt` the instant after it. */
  expiring: { points: number; expiresAt: string; lastDay: string }[];
}

/**
 * What a history row shows happened: points earned, paid with points, expired, adjusted, or a refund or a void
 * of a purchase (what it took back or gave back). Never a row of zero points.
 */
export type HistoryKind = 'earn' | 'redeem' | 'expire' | 'adjust' | 'refund' | 'void';

/** GET /api/liff/points/history?before=<id>: newest first, 20 a page. */
export interface PointsHistoryResponse {
  entries: {
    id: number;
    kind: HistoryKind;
    points: number;
    storeName: string | null;
    channel: 'store' | 'online' | 'other';
    reference: string | null;
    occurredAt: string;
  }[];
  nextBefore: number | null;
}

/** GET /api/liff/tier */
export interface TierResponse {
  current: TierView & { benefits: string[] };
  next: (TierView & { qualifyingSpend: number; remaining: number }) | null;
  /** NT$ of qualifying spend over the last 12 months. */
  spend12Months: number;
  reviewAt: string | null;
}

/** GET /api/liff/members/me/export: everything the product holds about the member, as a JSON download. */
export type DataExport = Record<string, unknown>;

/** DELETE /api/liff/members/me: 204. POST /api/liff/members/me/unbind: 204. */
