import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { findFriend } from '../../domain/friends.ts';
import { readAsMember } from '../../domain/members.ts';
import { pointsHistory, pointsSummary } from '../../domain/points.ts';
import { tierProgress } from '../../domain/tiers.ts';
import { languageOf } from '../../line/messages.ts';

/** The member's points, their history and their tier. */
export const pointsRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/points', async (request) => {
    const now = app.clock.now();
    return readAsMember(app.engine, request.lineUserId, (tx, member) =>
      pointsSummary(tx, member.id, member.pointsBalance, now),
    );
  });

  app.get(
    '/points/history',
    { schema: { querystring: Type.Object({ before: Type.Optional(Type.Integer({ minimum: 1 })) }) } },
    async (request) =>
      readAsMember(app.engine, request.lineUserId, (tx, member) =>
        pointsHistory(tx, member.id, request.query.before),
      ),
  );

  app.get('/tier', async (request) => {
    const now = app.clock.now();
    return readAsMember(app.engine, request.lineUserId, async (tx, member) => {
      const language = languageOf((await findFriend(tx, request.lineUserId))?.language);
      return tierProgress(tx, member, language, now);
    });
  });
};
