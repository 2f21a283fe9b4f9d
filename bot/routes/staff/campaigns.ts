import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { CampaignMessage } from '../../../db/schema/campaign-message.ts';
import {
  type Campaign,
  type CampaignFields,
  createCampaign,
  getCampaign,
  listCampaigns,
  updateCampaign,
} from '../../domain/campaigns/campaigns.ts';
import { confirmCost, estimateCampaign, type LineQuota } from '../../domain/campaigns/cost.ts';
import { startCampaign } from '../../domain/campaigns/sending.ts';
import { previewCampaign } from '../../line/campaign-preview.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import {
  CampaignChangesBody,
  CampaignPreview,
  CampaignView,
  CostEstimateView,
  NewCampaignBody,
  StartBody,
} from '../../schemas/campaigns-api.ts';
import { IdParams } from '../../schemas/staff-api.ts';

const iso = (at: Date | null) => at?.toISOString() ?? null;
export const campaignView = (c: Campaign) => ({
  id: c.id,
  name: c.name,
  segmentId: c.segmentId,
  rules: c.rules as Record<string, unknown>,
  message: c.message as unknown as Record<string, unknown>,
  status: c.status,
  scheduledAt: iso(c.scheduledAt),
  aggregationUnit: c.aggregationUnit,
  holdoutPercent: c.holdoutPercent,
  confirmedCost: c.confirmedCost,
  recipients: c.recipients,
  heldOut: c.heldOut,
  sent: c.sent,
  failed: c.failed,
  createdBy: c.createdBy,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
  startedAt: iso(c.startedAt),
  finishedAt: iso(c.finishedAt),
});

/** The body's times as dates and its message as the domain's type (the domain checks it key by key). */
const fields = <T extends { scheduledAt?: string | null; message?: object }>(body: T) =>
  ({
    ...body,
    ...(body.scheduledAt !== undefined && {
      scheduledAt: body.scheduledAt ? new Date(body.scheduledAt) : null,
    }),
    ...(body.message !== undefined && { message: body.message as unknown as CampaignMessage }),
  }) as unknown as CampaignFields;

/** This month's quota and use, from LINE: what a push may still send and what it will cost. */
async function lineQuota(app: FastifyInstance): Promise<LineQuota> {
  const [quota, consumption] = await Promise.all([
    app.line.messaging.getMessageQuota(),
    app.line.messaging.getMessageQuotaConsumption(),
  ]);
  return {
    quota: { type: quota.type, value: quota.type === 'limited' ? (quota.value ?? null) : null },
    used: consumption.totalUsage,
  };
}

/**
 * Campaigns in the console (ADR 0030): drafts written and changed by marketers and admins, read by store
 * managers too; the preview as LINE checks it; the cost before sending; the start behind the cost's confirmation.
 */
export const campaignRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const readers = requireStaff('campaign.read');
  const editors = requireStaff('campaign.edit');

  app.get(
    '/campaigns',
    { onRequest: readers, schema: { response: { 200: Type.Array(CampaignView) } } },
    async (request) => (await listCampaigns(app.engine, actorOf(request))).map(campaignView),
  );

  app.post(
    '/campaigns',
    { onRequest: editors, schema: { body: NewCampaignBody, response: { 201: CampaignView } } },
    async (request, reply) => {
      const draft = await createCampaign(app.engine, fields(request.body), actorOf(request), app.clock.now());
      return reply.code(201).send(campaignView(draft));
    },
  );

  app.get(
    '/campaigns/:id',
    { onRequest: readers, schema: { params: IdParams, response: { 200: CampaignView } } },
    async (request) => campaignView(await getCampaign(app.engine, request.params.id, actorOf(request))),
  );

  app.patch(
    '/campaigns/:id',
    {
      onRequest: editors,
      schema: { params: IdParams, body: CampaignChangesBody, response: { 200: CampaignView } },
    },
    async (request) =>
      campaignView(
        await updateCampaign(
          app.engine,
          request.params.id,
          fields(request.body),
          actorOf(request),
          app.clock.now(),
        ),
      ),
  );

  app.post(
    '/campaigns/:id/preview',
    { onRequest: readers, schema: { params: IdParams, response: { 200: CampaignPreview } } },
    async (request) => ({
      messages: (await previewCampaign(
        app.engine,
        app.line,
        request.params.id,
        app.liffId,
        actorOf(request),
        app.clock.now(),
      )) as unknown as { 'zh-TW': Record<string, unknown>[]; en: Record<string, unknown>[] },
    }),
  );

  app.get(
    '/campaigns/:id/estimate',
    { onRequest: readers, schema: { params: IdParams, response: { 200: CostEstimateView } } },
    async (request) =>
      estimateCampaign(
        app.engine,
        request.params.id,
        await lineQuota(app),
        actorOf(request),
        app.clock.now(),
      ),
  );

  app.post(
    '/campaigns/:id/start',
    {
      onRequest: requireStaff('campaign.send'),
      schema: { params: IdParams, body: StartBody, response: { 200: CampaignView } },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      const now = app.clock.now();
      // A second start answers the first freeze: its cost was confirmed then.
      if ((await getCampaign(app.engine, id, actor)).status !== 'draft')
        return campaignView(await startCampaign(app.engine, id, actor, now));
      const estimate = await estimateCampaign(app.engine, id, await lineQuota(app), actor, now);
      await confirmCost(app.engine, id, estimate, request.body?.confirmedCost, actor, now);
      const started = await startCampaign(app.engine, id, actor, now);
      app.campaignSender.wake();
      return campaignView(started);
    },
  );
};
