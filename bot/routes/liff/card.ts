import type { FastifyPluginAsync } from 'fastify';
import { CARD_DIGITS, CARD_PERIOD_SECONDS } from '../../domain/member-card.ts';
import { memberView, readAsMember } from '../../domain/members.ts';
import type { CardResponse } from '../../schemas/liff-api.ts';

/** What the member card needs to compute its rotating codes on the phone, also offline. */
export const cardRoutes: FastifyPluginAsync = async (app) => {
  app.get('/card', async (request, reply): Promise<CardResponse> => {
    const { member, view } = await readAsMember(app.engine, request.lineUserId, async (tx, member) => ({
      member,
      view: await memberView(tx, member),
    }));
    const { name, tier, pointsBalance } = view;
    reply.header('cache-control', 'no-store');
    return {
      cardId: member.cardId,
      secret: member.cardSecret,
      periodSeconds: CARD_PERIOD_SECONDS,
      digits: CARD_DIGITS,
      member: { name, tier, pointsBalance },
    };
  });
};
