import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { StandInContext } from '../context.ts';
import { notFound } from '../line-errors.ts';
import type { FaultPlan } from '../types.ts';
import type { ControlDeps } from './control-routes.ts';

const FaultRule = Type.Object({
  serverErrorRate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  rateLimitRate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  dropRate: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  latencyMs: Type.Optional(Type.Integer({ minimum: 0 })),
  serverErrorStatus: Type.Optional(Type.Union([500, 502, 503, 504].map((s) => Type.Literal(s)))),
});

/** Read what LINE saw, and change the channel's settings (webhook URL, faults). */
export function inspectionRoutes(app: FastifyInstance, ctx: StandInContext, { inspect }: ControlDeps): void {
  const imageUrl = (richMenuId: string) => `/_stand-in/rich-menus/${richMenuId}/image`;

  app.get<{ Params: { userId: string } }>('/shoppers/:userId/messages', async (request) =>
    inspect.messagesTo(request.params.userId),
  );

  app.get<{ Params: { userId: string } }>('/shoppers/:userId/rich-menu', async (request) => {
    const richMenuId = inspect.richMenuOf(request.params.userId);
    const richMenu = inspect.richMenus().find((m) => m.richMenuId === richMenuId) ?? null;
    return { richMenuId, richMenu, imageUrl: richMenu?.image ? imageUrl(richMenu.richMenuId) : null };
  });

  app.get('/rich-menus', async () => ({
    defaultRichMenuId: inspect.defaultRichMenu(),
    aliases: inspect.richMenuAliases(),
    richMenus: inspect.richMenus().map((m) => ({ ...m, imageUrl: m.image ? imageUrl(m.richMenuId) : null })),
  }));

  app.get<{ Params: { richMenuId: string } }>('/rich-menus/:richMenuId/image', async (request, reply) => {
    const image = inspect.richMenuImage(request.params.richMenuId);
    if (!image) throw notFound();
    return reply.type(image.contentType).send(image.bytes);
  });

  app.get<{ Params: { userId: string } }>('/shoppers/:userId/chat', async (request) =>
    inspect.chatOf(request.params.userId),
  );
  app.get<{ Params: { userId: string } }>('/shoppers/:userId/loading', async (request) => ({
    loading: inspect.loadingOf(request.params.userId),
    now: ctx.now(),
  }));
  // The phone cannot call the data host (it needs the channel's token): a shopper's own photos and files, here.
  app.get<{ Params: { messageId: string } }>('/contents/:messageId', async (request, reply) => {
    const content = inspect.content(request.params.messageId);
    if (!content) throw notFound();
    return reply.type(content.contentType).send(content.bytes);
  });
  app.get('/config', async () => ({
    liffUrl: ctx.liffUrl,
    loginChannelId: ctx.channel.loginChannelId,
    botUserId: ctx.channel.botUserId,
    // The phone cannot ask GET /v2/bot/info itself (it needs the channel's token): the same name, here.
    botName: ctx.channel.botName,
  }));

  app.get('/messages', async () => inspect.messages());
  app.get('/quota', async () => inspect.quota());
  app.get('/violations', async () => ctx.state.violations);
  app.get('/webhook/deliveries', async () => inspect.deliveries());

  app.get('/webhook', async () => ({ url: ctx.webhook.url }));
  app.put<{ Body: { url: string | null } }>(
    '/webhook',
    { schema: { body: Type.Object({ url: Type.Union([Type.String({ format: 'uri' }), Type.Null()]) }) } },
    async (request) => {
      ctx.webhook.url = request.body.url;
      return { url: ctx.webhook.url };
    },
  );

  app.get('/faults', async () => ctx.faults.plan);
  app.put<{ Body: FaultPlan }>(
    '/faults',
    { schema: { body: Type.Record(Type.String(), FaultRule) } },
    async (request) => {
      ctx.faults.plan = request.body;
      return ctx.faults.plan;
    },
  );
}
