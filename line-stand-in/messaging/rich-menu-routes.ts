import type { FastifyInstance } from 'fastify';
import type { StandInContext } from '../context.ts';
import { LineApiError, notFound } from '../line-errors.ts';
import { newId } from '../state.ts';
import type { StoredRichMenu } from '../types.ts';

type RichMenuRequest = Omit<StoredRichMenu, 'richMenuId' | 'image' | 'createdAt'>;
interface WithId {
  Params: { richMenuId: string };
}

/** A rich menu as LINE shows it (RichMenuResponse): without the stand-in's own bookkeeping. */
export const richMenuResponse = ({ image: _, createdAt: __, ...menu }: StoredRichMenu) => menu;

/** The menu, or LINE's 404 for an ID it does not know. */
export function findRichMenu(ctx: StandInContext, richMenuId: string): StoredRichMenu {
  const menu = ctx.state.richMenus[richMenuId];
  if (!menu) throw notFound();
  return menu;
}

/** LINE refuses to show a menu that has no image yet. */
export function requireImage(menu: StoredRichMenu): void {
  if (!menu.image) throw new LineApiError(400, 'must upload richmenu image before applying it to user');
}

/** Rich menus and the default one: https://developers.line.biz/en/reference/messaging-api/#rich-menu */
export function richMenuRoutes(app: FastifyInstance, ctx: StandInContext): void {
  const { state } = ctx;

  app.post<{ Body: RichMenuRequest }>('/v2/bot/richmenu', async (request) => {
    if (Object.keys(state.richMenus).length >= ctx.limits.richMenusPerChannel) {
      throw new LineApiError(400, 'The maximum number of rich menus has been reached');
    }
    const { size, selected, name, chatBarText, areas } = request.body;
    const richMenuId = newId.richMenu();
    state.richMenus[richMenuId] = {
      richMenuId,
      size,
      selected,
      name,
      chatBarText,
      areas,
      image: null,
      createdAt: ctx.now(),
    };
    return { richMenuId };
  });

  app.post('/v2/bot/richmenu/validate', async () => ({}));

  app.get('/v2/bot/richmenu/list', async () => ({
    richmenus: Object.values(state.richMenus).map(richMenuResponse),
  }));

  app.get<WithId>('/v2/bot/richmenu/:richMenuId', async (request) =>
    richMenuResponse(findRichMenu(ctx, request.params.richMenuId)),
  );

  app.delete<WithId>('/v2/bot/richmenu/:richMenuId', async (request) => {
    const { richMenuId } = findRichMenu(ctx, request.params.richMenuId);
    delete state.richMenus[richMenuId];
    // Users linked to a deleted menu see the default again; its aliases point nowhere, so they go too.
    for (const [userId, linked] of Object.entries(state.userRichMenus)) {
      if (linked === richMenuId) delete state.userRichMenus[userId];
    }
    for (const [alias, target] of Object.entries(state.richMenuAliases)) {
      if (target === richMenuId) delete state.richMenuAliases[alias];
    }
    if (state.defaultRichMenuId === richMenuId) state.defaultRichMenuId = null;
    return {};
  });

  app.post<WithId>('/v2/bot/user/all/richmenu/:richMenuId', async (request) => {
    const menu = findRichMenu(ctx, request.params.richMenuId);
    requireImage(menu);
    state.defaultRichMenuId = menu.richMenuId;
    return {};
  });

  app.get('/v2/bot/user/all/richmenu', async () => {
    if (!state.defaultRichMenuId) throw notFound('no default richmenu');
    return { richMenuId: state.defaultRichMenuId };
  });

  app.delete('/v2/bot/user/all/richmenu', async () => {
    state.defaultRichMenuId = null;
    return {};
  });
}
