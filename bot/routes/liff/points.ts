import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { findFriend } from '../../domain/friends.ts';
import { readAsMember } from '../../domain/members.ts';
import { pointsHistory, pointsSummary } from '../../domain/points-statement.ts';
import { tierProgress } from '../../domain/tiers.ts';
import { languageOf } from '../../line/messages.ts';
import {
  PointsHistoryQuery,
  PointsHistoryResponse,
  PointsResponse,
  TierResponse,
} from '../../schemas/liff-api.ts';
import { historyView, pointsView, tierProgressView } from './views.ts';

/** The member's points, their history and their tier. */
export const pointsRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/points', { schema: { response: { 200: PointsResponse } } }, async (request) => {
    const now = app.clock.now();
    const summary = await readAsMember(app.engine, request.lineUserId, (tx, member) =>
      pointsSummary(tx, member.id, member.pointsBalance, now),
    );
    return pointsView(summary);
  });

  app.get(
    '/points/history',
    { schema: { querystring: PointsHistoryQuery, response: { 200: PointsHistoryResponse } } },
    async (request) => {
      const history = await readAsMember(app.engine, request.lineUserId, (tx, member) =>
        pointsHistory(tx, member.id, request.query.before),
      );
      return historyView(history);
    },
  );

  app.get('/tier', { schema: { response: { 200: TierResponse } } }, async (request) => {
    const now = app.clock.now();
    const progress = await readAsMember(app.engine, request.lineUserId, async (tx, member) => {
      const language = languageOf((await findFriend(tx, request.lineUserId))?.language);
      return tierProgress(tx, member, language, now);
    });
    return tierProgressView(progress);
  });
};
