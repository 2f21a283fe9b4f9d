import type { FastifyInstance } from 'fastify';
import type { StandInContext } from '../context.ts';
import { LineApiError, notFound } from '../line-errors.ts';
import { allFriends, quotaUsed } from './outbox.ts';

const DEFAULT_FOLLOWER_PAGE = 300;

/** Continuation tokens are opaque to callers; here they are just the offset. */
const encodeNext = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');
const decodeNext = (token: string) => {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  if (!match) throw new LineApiError(400, 'Invalid start parameter');
  return Number(match[1]);
};

/** Users, the bot, the quota and chat niceties: profile, followers, info, quota, loading, mark as read. */
export function accountRoutes(app: FastifyInstance, ctx: StandInContext): void {
  const { state } = ctx;

  // https://developers.line.biz/en/reference/messaging-api/#get-profile: only users who are friends.
  app.get<{ Params: { userId: string } }>('/v2/bot/profile/:userId', async (request) => {
    const shopper = state.shoppers[request.params.userId];
    if (shopper?.friendship !== 'friend') throw notFound();
    const { userId, displayName, pictureUrl, language, statusMessage } = shopper;
    return {
      userId,
      displayName,
      pictureUrl,
      language,
      ...(statusMessage !== undefined && { statusMessage }),
    };
  });

  app.get<{ Querystring: { start?: string; limit?: number } }>('/v2/bot/followers/ids', async (request) => {
    const friends = allFriends(ctx);
    const offset = request.query.start ? decodeNext(request.query.start) : 0;
    const limit = Number(request.query.limit ?? DEFAULT_FOLLOWER_PAGE);
    const userIds = friends.slice(offset, offset + limit);
    const next = offset + limit < friends.length ? encodeNext(offset + limit) : undefined;
    return { userIds, ...(next && { next }) };
  });

  app.get('/v2/bot/info', async () => ({
    userId: ctx.channel.botUserId,
    basicId: '@standin',
    displayName: ctx.channel.botName,
    chatMode: 'bot',
    markAsReadMode: 'auto',
  }));

  app.get('/v2/bot/message/quota', async () => {
    const limit = ctx.limits.monthlyQuota;
    return limit === null ? { type: 'none' } : { type: 'limited', value: limit };
  });

  app.get('/v2/bot/message/quota/consumption', async () => ({ totalUsage: quotaUsed(ctx) }));

  app.post<{ Body: { chatId: string; loadingSeconds?: number } }>(
    '/v2/bot/chat/loading/start',
    async (request, reply) => {
      const { chatId, loadingSeconds = 20 } = request.body;
      state.loadingAnimations.push({ chatId, loadingSeconds, at: ctx.now() });
      return reply.code(202).send({});
    },
  );

  app.post<{ Body: { markAsReadToken: string } }>('/v2/bot/chat/markAsRead', async (request) => {
    const mark = state.markAsReadTokens[request.body.markAsReadToken];
    // LINE documents no wording for an unknown token.
    if (!mark) throw new LineApiError(400, 'Invalid markAsReadToken');
    mark.readAt ??= ctx.now();
    return {};
  });
}
