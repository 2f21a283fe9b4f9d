import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.ts';

/** The HTTP status of each domain error code; the body carries the code for the app to explain. */
const statusOf: Record<string, number> = {
  INVALID_FIELDS: 400,
  CLAIM_MISMATCH: 400,
  POINTS_INVALID: 400,
  NOT_A_MEMBER: 404,
  ALREADY_MEMBER: 409,
  PHONE_REGISTERED: 409,
  CLAIM_LOCKED: 423,
  PHONE_LOCKED: 423,
  MEMBER_HAS_LINE: 409,
  // Staff sign-in and the staff console (bot/domain/staff*.ts, stores.ts)
  STORE_REQUIRED: 400,
  SIGN_IN_FAILED: 401,
  ACCOUNT_INACTIVE: 403,
  NO_STORES: 403,
  STORE_NOT_ALLOWED: 403,
  STAFF_NOT_FOUND: 404,
  STORE_NOT_FOUND: 404,
  USERNAME_TAKEN: 409,
  STORE_CODE_TAKEN: 409,
  LAST_ADMIN: 409,
  ACCOUNT_LOCKED: 423,
  TOO_MANY_ATTEMPTS: 429,
  // The counter (bot/domain/checkout.ts, counter.ts)
  CARD_CODE_INVALID: 400,
  REDEEM_BELOW_MIN: 400,
  REDEEM_OVER_LIMIT: 400,
  POINTS_INSUFFICIENT: 400,
  OTHER_STORE: 403,
  MEMBER_NOT_FOUND: 404,
  PURCHASE_NOT_FOUND: 404,
  EARN_RULE_NOT_FOUND: 404,
  IDEMPOTENCY_CONFLICT: 409,
  NO_STORE: 409,
  VOID_TOO_LATE: 409,
  ALREADY_REFUNDED: 409,
  // Proof that the member is at the counter (bot/domain/member-lookups.ts, counter-approvals.ts)
  MEMBER_NUMBER_NOT_FOUND: 404,
  REDEEM_NEEDS_CARD: 403,
  LOOKUP_EXPIRED: 410,
  LOOKUP_USED: 409,
  APPROVAL_REQUIRED: 403,
  APPROVAL_FAILED: 403,
  APPROVER_NOT_ALLOWED: 403,
  APPROVER_LOCKED: 423,
  // Who may do what (bot/domain/permissions.ts), asked again by the domain functions
  FORBIDDEN: 403,
};

/** What a field that fails the request schema is called in the app's words. */
const fieldProblemOf: Record<string, string> = {
  phone: 'PHONE_INVALID',
  name: 'NAME_INVALID',
  birthday: 'BIRTHDAY_INVALID',
  email: 'EMAIL_INVALID',
  gender: 'GENDER_INVALID',
  homeStoreId: 'STORE_INVALID',
  acceptTerms: 'CONSENT_REQUIRED',
};

type SchemaIssue = NonNullable<FastifyError['validation']>[number];

/**
 * Each field that fails the request schema, with its first problem: REQUIRED, UNKNOWN_FIELD (a field the request
 * does not take), the app's word for it (PHONE_INVALID…), or INVALID. A body that is no object at all is `body`.
 */
function problemsOf(issues: SchemaIssue[], context: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const params = issue.params as {
      missingProperty?: string;
      requiredProperties?: string[];
      additionalProperty?: string;
    };
    const missing = params.missingProperty ?? params.requiredProperties?.[0];
    const unknown = params.additionalProperty;
    const field = missing ?? unknown ?? issue.instancePath.split('/')[1] ?? context;
    fields[field || context] ??= missing
      ? 'REQUIRED'
      : unknown
        ? 'UNKNOWN_FIELD'
        : (fieldProblemOf[field] ?? 'INVALID');
  }
  return fields;
}

/** zh-TW first, English second, naming the fields: 「price」、「reference」不正確；不接受的欄位：「memo」。 */
function invalidFieldsMessage(fields: Record<string, string>): string {
  const named = (names: string[], sep: string, quote: (n: string) => string) => names.map(quote).join(sep);
  const unknown = Object.keys(fields).filter((field) => fields[field] === 'UNKNOWN_FIELD');
  const wrong = Object.keys(fields).filter((field) => fields[field] !== 'UNKNOWN_FIELD');
  const zh = [
    wrong.length > 0 && `${named(wrong, '、', (n) => `「${n}」`)}不正確`,
    unknown.length > 0 && `不接受的欄位：${named(unknown, '、', (n) => `「${n}」`)}`,
  ];
  const en = [
    wrong.length > 0 && `invalid: ${wrong.join(', ')}`,
    unknown.length > 0 && `unknown fields: ${unknown.join(', ')}`,
  ];
  return `${zh.filter(Boolean).join('；')}。(${en.filter(Boolean).join('; ')})`;
}

/**
 * Every error body has one shape, `{code, message, ...details}`; a 5xx says nothing of its cause, which goes to
 * the log. Domain errors keep their code; a request that fails its schema is reported field by field.
 */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) {
    const retryAfter = error.details.retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    return reply
      .code(statusOf[error.code] ?? 400)
      .send({ code: error.code, message: error.message, ...error.details });
  }
  if (error.validation) {
    const fields = problemsOf(error.validation, error.validationContext ?? 'body');
    return reply.code(400).send({ code: 'INVALID_FIELDS', message: invalidFieldsMessage(fields), fields });
  }
  const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'request failed');
    return reply.code(status).send({ code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' });
  }
  return reply.code(status).send({ code: error.code ?? 'BAD_REQUEST', message: error.message });
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return reply
    .code(404)
    .send({ code: 'NOT_FOUND', message: `No route for ${request.method} ${request.url}` });
}
