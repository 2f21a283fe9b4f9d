import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.ts';

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
 * the log. Domain errors keep their code and the status declared beside it (bot/domain/errors.ts); a request that fails its schema is reported field by field.
 */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof DomainError) {
    const retryAfter = error.details.retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    return reply.code(error.status).send({ code: error.code, message: error.message, ...error.details });
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
