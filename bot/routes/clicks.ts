import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { recordClick } from '../domain/campaigns/clicks.ts';

/** GET /c/:token: a campaign link's click is counted, then the shopper goes on to the link (302). */
export const clickRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/c/:token',
    {
      schema: {
        params: Type.Object({ token: Type.String({ maxLength: 40 }) }, { additionalProperties: false }),
      },
    },
    async (request, reply) => {
      const target = await recordClick(app.engine, request.params.token, app.clock.now());
      if (!target)
        return reply.code(404).send({ code: 'NOT_FOUND', message: '找不到這個連結。(No such link)' });
      return reply.header('cache-control', 'no-store').redirect(target, 302);
    },
  );
};
