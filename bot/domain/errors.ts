/**
 * Every refusal the domain can give, with the HTTP status the API answers it with. A code is stable
 * (UPPER_SNAKE): the pages map it to a zh-TW / en message. `DomainError` takes only a code declared here, so a new
 * refusal cannot reach the API without its status (ADR 0022).
 */
export const refusals = {
  // Members, joining and claiming (members.ts, claims.ts, phone-in-use.ts, claim-codes.ts)
  INVALID_FIELDS: { status: 400 },
  CLAIM_MISMATCH: { status: 400 },
  POINTS_INVALID: { status: 400 },
  NOT_A_MEMBER: { status: 404 },
  ALREADY_MEMBER: { status: 409 },
  PHONE_REGISTERED: { status: 409 },
  MEMBER_HAS_LINE: { status: 409 },
  CLAIM_LOCKED: { status: 423 },
  PHONE_LOCKED: { status: 423 },
  // Staff sign-in and the staff console (sign-in*.ts, staff*.ts, stores.ts, points-settings.ts)
  STORE_REQUIRED: { status: 400 },
  SIGN_IN_FAILED: { status: 401 },
  ACCOUNT_INACTIVE: { status: 403 },
  NO_STORES: { status: 403 },
  STORE_NOT_ALLOWED: { status: 403 },
  STAFF_NOT_FOUND: { status: 404 },
  STORE_NOT_FOUND: { status: 404 },
  EARN_RULE_NOT_FOUND: { status: 404 },
  USERNAME_TAKEN: { status: 409 },
  STORE_CODE_TAKEN: { status: 409 },
  LAST_ADMIN: { status: 409 },
  ACCOUNT_LOCKED: { status: 423 },
  TOO_MANY_ATTEMPTS: { status: 429 },
  // Purchases at the counter, their voids and refunds (purchases.ts, refunds.ts, points-ledger.ts)
  CARD_CODE_INVALID: { status: 400 },
  REDEEM_BELOW_MIN: { status: 400 },
  REDEEM_OVER_LIMIT: { status: 400 },
  POINTS_INSUFFICIENT: { status: 400 },
  OTHER_STORE: { status: 403 },
  MEMBER_NOT_FOUND: { status: 404 },
  PURCHASE_NOT_FOUND: { status: 404 },
  IDEMPOTENCY_CONFLICT: { status: 409 },
  NO_STORE: { status: 409 },
  VOID_TOO_LATE: { status: 409 },
  ALREADY_REFUNDED: { status: 409 },
  // Proof that the member is at the counter (member-lookups.ts, counter-approvals.ts)
  MEMBER_NUMBER_NOT_FOUND: { status: 404 },
  REDEEM_NEEDS_CARD: { status: 403 },
  APPROVAL_REQUIRED: { status: 403 },
  APPROVAL_FAILED: { status: 403 },
  APPROVER_NOT_ALLOWED: { status: 403 },
  LOOKUP_USED: { status: 409 },
  LOOKUP_EXPIRED: { status: 410 },
  APPROVER_LOCKED: { status: 423 },
  // Coupons (coupon-templates.ts, coupons.ts)
  COUPON_TEMPLATE_NOT_FOUND: { status: 404 },
  COUPON_NOT_AVAILABLE: { status: 409 },
  COUPONS_ALL_ISSUED: { status: 409 },
  COUPON_MEMBER_LIMIT: { status: 409 },
  // Claiming, the lottery and the rewards catalogue (coupon-claims.ts, coupon-exchange.ts)
  LOTTERY_ALREADY_DRAWN: { status: 409 },
  COUPON_NOT_IN_CATALOGUE: { status: 409 },
  EXCHANGE_NOT_REVERSIBLE: { status: 409 },
  // Using a coupon at the counter (coupon-redemption.ts): each says exactly why it cannot be used
  COUPON_NOT_FOUND: { status: 404 },
  COUPON_OTHER_MEMBER: { status: 403 },
  COUPON_NEEDS_CARD: { status: 403 },
  COUPON_MIN_SPEND: { status: 409 },
  COUPON_WRONG_STORE: { status: 409 },
  COUPON_WRONG_CHANNEL: { status: 409 },
  COUPON_NOT_YET_VALID: { status: 409 },
  COUPON_EXPIRED: { status: 409 },
  COUPON_USED: { status: 409 },
  COUPON_VOID: { status: 409 },
  COUPON_OVER_BUDGET: { status: 409 },
  COUPON_NOT_STACKABLE: { status: 409 },
  // Segments (segments/*.ts)
  SEGMENT_NOT_FOUND: { status: 404 },
  // Campaigns (campaigns/*.ts): a draft, its message as LINE checks it, and what it costs before it is sent
  CAMPAIGN_NOT_FOUND: { status: 404 },
  MESSAGE_REFUSED_BY_LINE: { status: 400 },
  CAMPAIGN_NOT_DRAFT: { status: 409 },
  CAMPAIGN_STATE: { status: 409 },
  COST_NOT_CONFIRMED: { status: 409 },
  OVER_BUDGET: { status: 409 },
  QUOTA_EXCEEDED: { status: 409 },
  // Journeys (journeys/*.ts)
  JOURNEY_NOT_FOUND: { status: 404 },
  // The 1:1 chat (chat/*.ts): a conversation outside the asker's scope is not found, so ids cannot be probed
  CONVERSATION_NOT_FOUND: { status: 404 },
  CHAT_MESSAGE_NOT_FOUND: { status: 404 },
  CHAT_UNREACHABLE: { status: 409 },
  ASSIGNEE_NOT_ALLOWED: { status: 409 },
  // Images staff send in the chat (chat/image-answer.ts): LINE's types and sizes, and the https origin it fetches from
  CHAT_IMAGE_TYPE: { status: 400 },
  CHAT_IMAGE_TOO_LARGE: { status: 413 },
  CHAT_IMAGES_NEED_PUBLIC_URL: { status: 409 },
  // The chat's keyword replies and canned replies (chat/chat-rules-admin.ts, chat/canned-replies.ts)
  CHAT_RULE_NOT_FOUND: { status: 404 },
  CANNED_REPLY_NOT_FOUND: { status: 404 },
  // Importing members from a CSV file (member-imports/*.ts)
  IMPORT_FILE_INVALID: { status: 400 },
  MEMBER_IMPORT_NOT_FOUND: { status: 404 },
  // Who may do what (permissions.ts), asked again by the domain functions
  FORBIDDEN: { status: 403 },
} as const satisfies Record<string, { status: number }>;

export type RefusalCode = keyof typeof refusals;

/**
 * A rule of the business said no. The message says what happened in this case; the code and its status come
 * from `refusals`. Nothing was changed when one is thrown.
 */
export class DomainError extends Error {
  readonly code: RefusalCode;
  readonly details: Record<string, unknown>;
  constructor(code: RefusalCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.code = code;
    this.details = details;
  }

  /** The HTTP status the API answers this refusal with. */
  get status(): number {
    return refusals[this.code].status;
  }
}

/** Input that breaks a rule, field by field: `{phone: 'PHONE_INVALID'}`. */
export class InvalidFields extends DomainError {
  constructor(fields: Record<string, string>) {
    super('INVALID_FIELDS', `Invalid fields: ${Object.keys(fields).join(', ')}`, { fields });
  }
}
