import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { CARD_DIGITS, CARD_PERIOD_SECONDS } from '../../domain/member-card.ts';
import { memberProfile, readAsMember } from '../../domain/members.ts';
import { CardResponse } from '../../schemas/liff-api.ts';
import { tierView } from './views.ts';

/** What the member card needs to compute its rotating codes on the phone, also offline. */
export const cardRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/card', { schema: { response: { 200: CardResponse } } }, async (request, reply) => {
    const member = await readAsMember(app.engine, request.lineUserId, memberProfile);
    reply.header('cache-control', 'no-store');
    return {
      cardId: member.cardId,
      secret: member.cardSecret,
      periodSeconds: CARD_PERIOD_SECONDS,
      digits: CARD_DIGITS,
      member: { name: member.name ?? '', tier: tierView(member.tier), pointsBalance: member.pointsBalance },
    };
  });
};
