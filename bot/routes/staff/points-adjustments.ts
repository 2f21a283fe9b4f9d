import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { adjustPoints } from '../../domain/points-adjustment.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import { MemberIdParams, PointsAdjustmentBody, PointsAdjustmentView } from '../../schemas/chat-admin-api.ts';

/** Gives or takes a member's points with a reason (store managers in their stores, admins): the balance it left. */
export const pointsAdjustmentRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/members/:memberId/points-adjustments',
    {
      onRequest: requireStaff('points.adjust'),
      schema: { params: MemberIdParams, body: PointsAdjustmentBody, response: { 200: PointsAdjustmentView } },
    },
    async (request) => {
      const { balance } = await adjustPoints(
        app.engine,
        { memberId: request.params.memberId, ...request.body, at: app.clock.now() },
        actorOf(request),
      );
      return { balance };
    },
  );
};
