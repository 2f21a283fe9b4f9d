import type { FastifyInstance } from 'fastify';
import type { StandInContext } from './context.ts';
import { type VerifyRequest, verifyIdToken } from './login.ts';

/**
 * The LINE Login endpoints a LIFF back end uses, on the api origin as at api.line.me:
 * the JWKS (https://api.line.me/oauth2/v2.1/certs) and ID-token verification
 * (https://developers.line.biz/en/reference/line-login/#verify-id-token).
 */
export function loginRoutes(app: FastifyInstance, ctx: StandInContext): void {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );

  app.get('/oauth2/v2.1/certs', async () => ctx.login.jwks());

  app.post<{ Body: VerifyRequest | undefined }>('/oauth2/v2.1/verify', async (request, reply) => {
    const { status, body } = await verifyIdToken(ctx.login, request.body ?? {}, ctx.now());
    return reply.code(status).send(body);
  });
}
