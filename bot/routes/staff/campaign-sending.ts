import { setTimeout as sleep } from 'node:timers/promises';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import {
  type CampaignProgress,
  campaignProgress,
  cancelCampaign,
  pauseCampaign,
  resumeCampaign,
} from '../../domain/campaigns/sending.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import { IdParams } from '../../schemas/staff-api.ts';

/** GET /api/staff/campaigns/:id/progress, and each `progress` event of …/events. */
const ProgressView = Type.Object({
  status: Type.Enum(['draft', 'freezing', 'scheduled', 'sending', 'paused', 'sent', 'cancelled']),
  recipients: Type.Integer(),
  heldOut: Type.Integer(),
  skipped: Type.Integer(),
  sent: Type.Integer(),
  failed: Type.Integer(),
  remaining: Type.Integer(),
  perSecond: Type.Number(),
  secondsLeft: Type.Union([Type.Integer(), Type.Null()]),
});

/** How often the events stream reads the progress: every instance's sending shows, since it is read from the database. */
const EVENT_EVERY_MS = 1_000;
const finished = (progress: CampaignProgress) =>
  progress.status === 'sent' || progress.status === 'cancelled';

/**
 * A started campaign's sending: pause, resume and cancel (marketers, admins), and its progress (managers too), as
 * JSON or as server-sent events while it sends.
 */
export const campaignSendingRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const senders = requireStaff('campaign.send');
  const readers = requireStaff('campaign.read');
  const moves = { pause: pauseCampaign, resume: resumeCampaign, cancel: cancelCampaign };

  for (const [move, act] of Object.entries(moves)) {
    app.post(
      `/campaigns/:id/${move}`,
      { onRequest: senders, schema: { params: IdParams, response: { 200: ProgressView } } },
      async (request) => {
        const now = app.clock.now();
        await act(app.engine, request.params.id, actorOf(request), now);
        if (move === 'resume') app.campaignSender.wake();
        return campaignProgress(app.engine, request.params.id, now);
      },
    );
  }

  app.get(
    '/campaigns/:id/progress',
    { onRequest: readers, schema: { params: IdParams, response: { 200: ProgressView } } },
    async (request) => campaignProgress(app.engine, request.params.id, app.clock.now()),
  );

  // Server-sent events: a `progress` event a second until the campaign is sent or cancelled, or the client leaves.
  app.get(
    '/campaigns/:id/events',
    { onRequest: readers, schema: { params: IdParams } },
    async (request, reply) => {
      const first = await campaignProgress(app.engine, request.params.id, app.clock.now());
      let open = true;
      request.raw.on('close', () => {
        open = false;
      });
      reply.hijack();
      reply.raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      reply.raw.write(': progress of a campaign\n\n');
      for (let progress = first; open; ) {
        reply.raw.write(`event: progress\ndata: ${JSON.stringify(progress)}\n\n`);
        if (finished(progress)) break;
        await sleep(EVENT_EVERY_MS);
        if (!open) break;
        progress = await campaignProgress(app.engine, request.params.id, app.clock.now());
      }
      reply.raw.end();
    },
  );
};
