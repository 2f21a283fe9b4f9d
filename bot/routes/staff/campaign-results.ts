import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { campaignResults, DEFAULT_DAYS } from '../../domain/campaigns/results.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import { CampaignResults, CampaignResultsQuery } from '../../schemas/campaign-results-api.ts';
import { IdParams } from '../../schemas/staff-api.ts';

/** A campaign's results over `days` from its start: reach, clicks, coupons, the uplift, unfollows, the chart. */
export const campaignResultsRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/campaigns/:id/results',
    {
      onRequest: requireStaff('campaign.results'),
      schema: { params: IdParams, querystring: CampaignResultsQuery, response: { 200: CampaignResults } },
    },
    async (request) =>
      campaignResults(
        app.engine,
        request.params.id,
        actorOf(request),
        app.clock.now(),
        request.query.days ?? DEFAULT_DAYS,
      ),
  );
};
