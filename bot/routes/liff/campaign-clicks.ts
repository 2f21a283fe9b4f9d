import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { recordMemberClick } from '../../domain/campaigns/clicks.ts';
import { CampaignClickAnswer, CampaignClickBody } from '../../schemas/campaign-results-api.ts';

/**
 * POST /api/liff/campaign-clicks: the member app opened from a campaign's button (`?c=token`) records the click
 * for the member the verified ID token names (never one the page names), once per campaign, and learns where to
 * go on: an announcement's link, or nowhere (a coupon's claim goes on in the app).
 */
export const campaignClickRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/campaign-clicks',
    { schema: { body: CampaignClickBody, response: { 200: CampaignClickAnswer } } },
    async (request) => recordMemberClick(app.engine, request.body.token, request.lineUserId, app.clock.now()),
  );
};
