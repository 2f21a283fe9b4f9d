import type { FastifyInstance } from 'fastify';
import type { StandInContext } from '../context.ts';
import { LINE_MESSAGES, LineApiError, notFound } from '../line-errors.ts';
import { allFriends, reachable, sendMessages } from './outbox.ts';

type Message = Record<string, unknown>;
interface Body {
  messages: Message[];
}

/**
 * Sending: https://developers.line.biz/en/reference/messaging-api/#send-reply-message and the sections after.
 * Bodies reach these handlers already checked against messaging-api.yml (guard.ts).
 */
export function sendRoutes(app: FastifyInstance, ctx: StandInContext): void {
  const { state } = ctx;

  app.post<{ Body: Body & { replyToken: string } }>('/v2/bot/message/reply', async (request) => {
    const token = state.replyTokens[request.body.replyToken];
    // Unknown, used, or older than LINE's minute: LINE does not say which.
    if (!token || token.used || ctx.now() - token.issuedAt > ctx.limits.replyTokenTtlMs) {
      throw new LineApiError(400, LINE_MESSAGES.invalidReplyToken);
    }
    token.used = true;
    const recipients = [token.userId];
    return {
      sentMessages: sendMessages(ctx, request, { via: 'reply', recipients, messages: request.body.messages }),
    };
  });

  app.post<{ Body: Body & { to: string } }>('/v2/bot/message/push', async (request) => {
    const { to, messages } = request.body;
    // LINE answers an ID that names nobody with this; a user who blocked the account still gets a 200.
    if (!state.shoppers[to] && !ctx.counted?.has(to)) throw new LineApiError(400, 'Failed to send messages');
    return {
      sentMessages: sendMessages(ctx, request, { via: 'push', recipients: reachable(ctx, [to]), messages }),
    };
  });

  app.post<{ Body: Body & { to: string[]; customAggregationUnits?: string[] } }>(
    '/v2/bot/message/multicast',
    async (request) => {
      const { to, messages, customAggregationUnits } = request.body;
      const recipients = reachable(ctx, to);
      sendMessages(ctx, request, {
        via: 'multicast',
        recipients,
        messages,
        unit: customAggregationUnits?.[0],
      });
      return {};
    },
  );

  app.post<{ Body: Body }>('/v2/bot/message/broadcast', async (request) => {
    sendMessages(ctx, request, {
      via: 'broadcast',
      recipients: allFriends(ctx),
      messages: request.body.messages,
    });
    return {};
  });

  app.post<{ Body: Body & { limit?: { max?: number } } }>(
    '/v2/bot/message/narrowcast',
    async (request, reply) => {
      // Simulated shoppers have no demographics or audiences: recipient and filter narrow nothing here.
      const max = request.body.limit?.max;
      const recipients = allFriends(ctx).slice(0, max ?? undefined);
      sendMessages(ctx, request, { via: 'narrowcast', recipients, messages: request.body.messages });
      state.narrowcasts[request.lineRequestId] = {
        requestId: request.lineRequestId,
        acceptedAt: ctx.now(),
        targetCount: recipients.length,
      };
      return reply.code(202).send({});
    },
  );

  app.get<{ Querystring: { requestId: string } }>('/v2/bot/message/progress/narrowcast', async (request) => {
    const narrowcast = state.narrowcasts[request.query.requestId];
    if (!narrowcast) throw notFound();
    // The stand-in sends at once, so a narrowcast has always finished by the time anyone asks.
    const time = new Date(narrowcast.acceptedAt).toISOString();
    return {
      phase: 'succeeded',
      successCount: narrowcast.targetCount,
      failureCount: 0,
      targetCount: narrowcast.targetCount,
      acceptedTime: time,
      completedTime: time,
    };
  });

  // The guard has checked the messages already; passing it is the whole answer.
  for (const kind of ['reply', 'push', 'multicast', 'narrowcast', 'broadcast']) {
    app.post(`/v2/bot/message/validate/${kind}`, async () => ({}));
  }
}
