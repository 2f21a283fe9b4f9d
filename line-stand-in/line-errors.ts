import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorDetail } from './types.ts';

/**
 * An answer in LINE's error shape `{message, details?, sentMessages?}`
 * (https://developers.line.biz/en/reference/messaging-api/#error-responses).
 */
export class LineApiError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, extra: Record<string, unknown> = {}, headers = {}) {
    super(message);
    this.status = status;
    this.body = { message, ...extra };
    this.headers = headers;
  }
}

/** LINE's exact wording for the errors the stand-in produces. */
export const LINE_MESSAGES = {
  unauthorized: 'Authentication failed. Confirm that the access token in the authorization header is valid.',
  rateLimited: 'The API rate limit has been exceeded. Try again later.',
  monthlyLimit: 'You have reached your monthly limit.',
  invalidReplyToken: 'Invalid reply token',
  notFound: 'Not found',
  retryKeyAccepted: 'The retry key is already accepted',
  serverError: 'Internal server error',
} as const;

export const invalidBody = (details: ErrorDetail[]) =>
  new LineApiError(400, `The request body has ${details.length} error(s)`, { details });

export const notFound = (message: string = LINE_MESSAGES.notFound) => new LineApiError(404, message);

/** Every error leaves in LINE's shape, including Fastify's own (unparsable JSON, too large, 404). */
export function answerInLineShape(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | LineApiError, _request, reply) => {
    if (error instanceof LineApiError) {
      return reply.code(error.status).headers(error.headers).send(error.body);
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.code(415).send({ message: 'The content type is not supported' });
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({ message: 'Request entity too large' });
    }
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 400 && error instanceof SyntaxError) {
      return reply.code(400).send({ message: 'The request body could not be parsed as JSON' });
    }
    return reply.code(status).send({ message: status === 500 ? LINE_MESSAGES.serverError : error.message });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ message: LINE_MESSAGES.notFound }));
}
