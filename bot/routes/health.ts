import type { FastifyPluginAsync } from 'fastify';

/** Liveness and readiness, for the load balancer or the process manager. */
export const healthRoutes: FastifyPluginAsync = async (app) => {
  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    if (await app.engine.isReady()) return { status: 'ready' };
    return reply
      .code(503)
      .send({ code: 'NOT_READY', message: 'Database unreachable or migrations not applied' });
  });
};
