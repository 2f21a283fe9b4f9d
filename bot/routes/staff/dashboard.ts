import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { readDashboard } from '../../domain/dashboard/dashboard.ts';
import { dashboardWorkerFor } from '../../domain/dashboard/off-loop.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import { Dashboard, DashboardQuery } from '../../schemas/dashboard-api.ts';

/** The marketer's dashboard over a range of Taipei days, all stores or one (ADR 0034). */
export const dashboardRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  // On a SQLite file the figures are read on a thread of their own, off the event loop that answers the counter.
  const offLoop = dashboardWorkerFor(app.engine);
  if (offLoop) app.addHook('onClose', () => offLoop.close());
  app.get(
    '/dashboard',
    {
      onRequest: requireStaff('dashboard.read'),
      schema: { querystring: DashboardQuery, response: { 200: Dashboard } },
    },
    async (request) =>
      readDashboard(
        app.engine,
        actorOf(request),
        { from: request.query.from, to: request.query.to, storeId: request.query.storeId ?? null },
        offLoop,
      ),
  );
};
