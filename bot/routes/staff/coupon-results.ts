import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { templateResults } from '../../domain/coupon-results.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import { CouponResultsQuery, CouponTemplateResults } from '../../schemas/coupon-results-api.ts';
import { IdParams } from '../../schemas/staff-api.ts';

/** A coupon template's results: issued, claimed, used, expired, the discount given and the sales by store. */
export const couponResultsRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/coupon-templates/:id/results',
    {
      onRequest: requireStaff('coupon_template.read'),
      schema: { params: IdParams, querystring: CouponResultsQuery, response: { 200: CouponTemplateResults } },
    },
    async (request) =>
      templateResults(app.engine, request.params.id, actorOf(request), app.clock.now(), {
        withEarlier: request.query.versions === 'all',
      }),
  );
};
