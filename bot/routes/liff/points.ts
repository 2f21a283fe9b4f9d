import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import { findFriend } from '../../domain/friends.ts';
import { requireMember } from '../../domain/members.ts';
import { pointsHistory, pointsSummary } from '../../domain/points.ts';
import { tierProgress } from '../../domain/tiers.ts';
import { languageOf } from '../../line/messages.ts';

/** The member's points, their history and their tier. */
export const pointsRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/points', async (request) => {
    const member = requireMember(app.db, request.lineUserId);
    return pointsSummary(app.db, member.id, member.pointsBalance, app.clock.now());
  });

  app.get(
    '/points/history',
    { schema: { querystring: Type.Object({ before: Type.Optional(Type.Integer({ minimum: 1 })) }) } },
    async (request) => {
      const member = requireMember(app.db, request.lineUserId);
      return pointsHistory(app.db, member.id, request.query.before);
    },
  );

  app.get('/tier', async (request) => {
    const member = requireMember(app.db, request.lineUserId);
    const language = languageOf(findFriend(app.db, request.lineUserId)?.language);
    return tierProgress(app.db, member, language, app.clock.now());
  });
};
