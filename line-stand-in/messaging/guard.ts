import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Operation } from '../conformance.ts';
import type { StandInContext } from '../context.ts';
import { invalidBody, LINE_MESSAGES, LineApiError } from '../line-errors.ts';
import { checkRetryKeyHeader, repeatedRetryKey } from '../retry-keys.ts';
import type { ErrorDetail } from '../types.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The accepted `X-Line-Retry-Key`, once the guard has checked it. */
    retryKey: string | null;
  }
}

/** Validate endpoints exist to check messages: a refusal there is an answer, not a product bug. */
const CHECKING_OPERATIONS = /^validate/;

export function operationOf(ctx: StandInContext, request: FastifyRequest): Operation | undefined {
  return ctx.contract.operation(request.method, request.routeOptions.url ?? '');
}

/** Notes a request LINE would refuse as malformed, then refuses it. */
export function refuseMalformed(
  ctx: StandInContext,
  request: FastifyRequest,
  operationId: string,
  error: LineApiError,
): LineApiError {
  if (CHECKING_OPERATIONS.test(operationId)) return error;
  ctx.state.violations.push({
    operationId,
    method: request.method,
    path: request.url,
    requestId: request.lineRequestId,
    message: String(error.body.message),
    details: (error.body.details as ErrorDetail[] | undefined) ?? [],
    at: ctx.now(),
  });
  return error;
}

/**
 * What LINE checks before an endpoint does its work, in this order: the channel access token, the
 * endpoint's rate limit, the retry key, then the request against messaging-api.yml.
 */
export function guardLineApi(app: FastifyInstance, ctx: StandInContext): void {
  app.decorateRequest('retryKey', null);

  app.addHook('onRequest', async (request) => {
    if (request.headers.authorization !== `Bearer ${ctx.channel.channelAccessToken}`) {
      throw new LineApiError(401, LINE_MESSAGES.unauthorized);
    }
  });

  app.addHook('preHandler', async (request) => {
    const operation = operationOf(ctx, request);
    const operationId = operation?.operationId ?? request.routeOptions.url ?? request.url;
    if (!ctx.rates.admit(operationId)) throw new LineApiError(429, LINE_MESSAGES.rateLimited);

    const retryKey = checkRetryKeyHeader(operationId, request.headers['x-line-retry-key']);
    if (retryKey.kind === 'malformed') throw refuseMalformed(ctx, request, operationId, retryKey.error);
    if (retryKey.kind === 'fresh') {
      const repeat = repeatedRetryKey(ctx.state, retryKey.key, ctx.now(), ctx.limits.retryKeyTtlMs);
      if (repeat) throw repeat;
      request.retryKey = retryKey.key;
    }

    if (!operation) return;
    const queryDetails = ctx.contract.checkQuery(operation, request.query as Record<string, unknown>);
    if (queryDetails.length) {
      const error = new LineApiError(400, `The request has ${queryDetails.length} error(s)`, {
        details: queryDetails,
      });
      throw refuseMalformed(ctx, request, operationId, error);
    }
    const bodyDetails = ctx.contract.checkBody(operation, request.body);
    if (bodyDetails.length) throw refuseMalformed(ctx, request, operationId, invalidBody(bodyDetails));
  });
}
