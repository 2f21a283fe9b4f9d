import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** Every error body has one shape, `{code, message}`; a 5xx says nothing of its cause, which goes to the log. */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
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
