import Fastify, { type FastifyInstance } from 'fastify';
import type { StandInContext } from './context.ts';
import { type ControlDeps, controlRoutes } from './control/control-routes.ts';
import { phonePage } from './control/phone-page.ts';
import { answerInLineShape, LineApiError } from './line-errors.ts';
import { loginRoutes } from './login-routes.ts';
import { accountRoutes } from './messaging/account-routes.ts';
import { contentRoutes } from './messaging/content-routes.ts';
import { guardLineApi, operationOf, refuseMalformed } from './messaging/guard.ts';
import { richMenuLinkRoutes } from './messaging/rich-menu-link-routes.ts';
import { richMenuRoutes } from './messaging/rich-menu-routes.ts';
import { sendRoutes } from './messaging/send-routes.ts';
import { newId } from './state.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The `x-line-request-id` this request is answered with. */
    lineRequestId: string;
  }
}

export const CONTROL_PREFIX = '/_stand-in';

/** LINE's request size limit: https://developers.line.biz/en/reference/messaging-api/#status-codes (413). */
const BODY_LIMIT = 2 * 1024 * 1024;

/** What both origins share: request IDs, LINE's error shape, faults, and LINE's reading of JSON bodies. */
function lineOrigin(ctx: StandInContext): FastifyInstance {
  // Closing ends every connection, also one whose caller gave up waiting (a product's LINE timeout) and that
  // would otherwise stay open for Fastify's 72 s keep-alive.
  const app = Fastify({ logger: false, bodyLimit: BODY_LIMIT, forceCloseConnections: true });
  app.decorateRequest('lineRequestId', '');
  app.addHook('onRequest', async (request, reply) => {
    request.lineRequestId = newId.request();
    reply.header('x-line-request-id', request.lineRequestId);
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith(CONTROL_PREFIX)) return;
    const answered = await ctx.faults.apply(request, reply, operationOf(ctx, request)?.operationId);
    if (answered) return reply;
  });

  // The SDK posts some operations with a JSON content type and no body at all (setDefaultRichMenu).
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    try {
      done(null, JSON.parse(String(body)));
    } catch {
      const error = new LineApiError(400, 'The request body could not be parsed as JSON');
      const operationId = operationOf(ctx, request)?.operationId ?? request.url;
      done(
        request.url.startsWith(CONTROL_PREFIX) ? error : refuseMalformed(ctx, request, operationId, error),
      );
    }
  });
  answerInLineShape(app);
  return app;
}

/** api.line.me: the Messaging API, LINE Login's verify and JWKS, and the stand-in's control API. */
export function buildApiOrigin(ctx: StandInContext, control: ControlDeps): FastifyInstance {
  const app = lineOrigin(ctx);
  app.register(async (messaging) => {
    guardLineApi(messaging, ctx);
    sendRoutes(messaging, ctx);
    accountRoutes(messaging, ctx);
    richMenuRoutes(messaging, ctx);
    richMenuLinkRoutes(messaging, ctx);
  });
  app.register(async (login) => loginRoutes(login, ctx));
  app.register(async (scope) => controlRoutes(scope, ctx, control), { prefix: CONTROL_PREFIX });
  app.register(async (scope) => phonePage(scope, ctx.phonePageDir), { prefix: `${CONTROL_PREFIX}/phone` });
  return app;
}

/** api-data.line.me: rich menu images and message content. */
export function buildDataOrigin(ctx: StandInContext): FastifyInstance {
  const app = lineOrigin(ctx);
  app.register(async (data) => {
    guardLineApi(data, ctx);
    contentRoutes(data, ctx);
  });
  return app;
}
