import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { memberContext } from '../../domain/chat/context.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import { MemberContextView, MemberIdParams } from '../../schemas/chat-admin-api.ts';

/** The member beside the conversation: 404 for a member the staff member may not see (chat/member-sight.ts). */
export const memberContextRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/chat/members/:memberId/context',
    {
      onRequest: requireStaff('chat.read'),
      schema: { params: MemberIdParams, response: { 200: MemberContextView } },
    },
    async (request) => memberContext(app.engine, request.params.memberId, actorOf(request), app.clock.now()),
  );
};
