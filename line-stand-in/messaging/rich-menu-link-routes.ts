import type { FastifyInstance } from 'fastify';
import type { StandInContext } from '../context.ts';
import { LineApiError, notFound } from '../line-errors.ts';
import { findRichMenu, requireImage } from './rich-menu-routes.ts';

interface UserParams {
  Params: { userId: string; richMenuId: string };
}

/**
 * Per-user menus (https://developers.line.biz/en/reference/messaging-api/#link-rich-menu-to-user) and
 * rich menu aliases, which `richmenuswitch` actions name
 * (https://developers.line.biz/en/reference/messaging-api/#create-rich-menu-alias).
 */
export function richMenuLinkRoutes(app: FastifyInstance, ctx: StandInContext): void {
  const { state } = ctx;
  const requireUser = (userId: string) => {
    if (!state.shoppers[userId]) throw new LineApiError(400, `The user ${userId} does not exist`);
  };

  app.post<UserParams>('/v2/bot/user/:userId/richmenu/:richMenuId', async (request) => {
    const menu = findRichMenu(ctx, request.params.richMenuId);
    requireImage(menu);
    requireUser(request.params.userId);
    state.userRichMenus[request.params.userId] = menu.richMenuId;
    return {};
  });

  app.get<UserParams>('/v2/bot/user/:userId/richmenu', async (request) => {
    const richMenuId = state.userRichMenus[request.params.userId];
    if (!richMenuId) throw notFound('the user has no richmenu');
    return { richMenuId };
  });

  app.delete<UserParams>('/v2/bot/user/:userId/richmenu', async (request) => {
    delete state.userRichMenus[request.params.userId];
    return {};
  });

  app.post<{ Body: { richMenuId: string; userIds: string[] } }>(
    '/v2/bot/richmenu/bulk/link',
    async (request, reply) => {
      const menu = findRichMenu(ctx, request.body.richMenuId);
      requireImage(menu);
      for (const userId of request.body.userIds) state.userRichMenus[userId] = menu.richMenuId;
      return reply.code(202).send({});
    },
  );

  app.post<{ Body: { userIds: string[] } }>('/v2/bot/richmenu/bulk/unlink', async (request, reply) => {
    for (const userId of request.body.userIds) delete state.userRichMenus[userId];
    return reply.code(202).send({});
  });

  const aliasResponse = (richMenuAliasId: string) => ({
    richMenuAliasId,
    richMenuId: state.richMenuAliases[richMenuAliasId]!,
  });
  const findAlias = (richMenuAliasId: string) => {
    if (!(richMenuAliasId in state.richMenuAliases)) throw notFound();
    return richMenuAliasId;
  };
  type AliasParams = { Params: { richMenuAliasId: string } };

  app.post<{ Body: { richMenuAliasId: string; richMenuId: string } }>(
    '/v2/bot/richmenu/alias',
    async (request) => {
      const { richMenuAliasId, richMenuId } = request.body;
      if (richMenuAliasId in state.richMenuAliases) throw new LineApiError(400, 'conflict richmenu alias id');
      requireImage(findRichMenu(ctx, richMenuId));
      state.richMenuAliases[richMenuAliasId] = richMenuId;
      return {};
    },
  );

  app.get('/v2/bot/richmenu/alias/list', async () => ({
    aliases: Object.keys(state.richMenuAliases).map(aliasResponse),
  }));

  app.get<AliasParams>('/v2/bot/richmenu/alias/:richMenuAliasId', async (request) =>
    aliasResponse(findAlias(request.params.richMenuAliasId)),
  );

  app.post<AliasParams & { Body: { richMenuId: string } }>(
    '/v2/bot/richmenu/alias/:richMenuAliasId',
    async (request) => {
      const alias = findAlias(request.params.richMenuAliasId);
      requireImage(findRichMenu(ctx, request.body.richMenuId));
      state.richMenuAliases[alias] = request.body.richMenuId;
      return {};
    },
  );

  app.delete<AliasParams>('/v2/bot/richmenu/alias/:richMenuAliasId', async (request) => {
    delete state.richMenuAliases[findAlias(request.params.richMenuAliasId)];
    return {};
  });
}
