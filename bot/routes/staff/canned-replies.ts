import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import {
  type CannedReply,
  createCannedReply,
  deleteCannedReply,
  listCannedReplies,
  updateCannedReply,
} from '../../domain/chat/canned-replies.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import {
  CannedReplyChanges,
  CannedReplyList,
  CannedReplyView,
  NewCannedReplyBody,
} from '../../schemas/chat-admin-api.ts';
import { IdParams } from '../../schemas/staff-api.ts';

const cannedView = ({ createdBy: _, ...reply }: CannedReply) => ({
  ...reply,
  updatedAt: reply.updatedAt.toISOString(),
});

/** Canned replies: those who answer the chat and marketers list them (the domain asks), marketers edit them. */
export const cannedReplyRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const editors = requireStaff('chat_rules.edit');

  app.get(
    '/chat/canned-replies',
    { onRequest: requireStaff(), schema: { response: { 200: CannedReplyList } } },
    async (request) => ({
      cannedReplies: (await listCannedReplies(app.engine, actorOf(request))).map(cannedView),
    }),
  );

  app.post(
    '/chat/canned-replies',
    { onRequest: editors, schema: { body: NewCannedReplyBody, response: { 201: CannedReplyView } } },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          cannedView(await createCannedReply(app.engine, request.body, actorOf(request), app.clock.now())),
        ),
  );

  app.patch(
    '/chat/canned-replies/:id',
    {
      onRequest: editors,
      schema: { params: IdParams, body: CannedReplyChanges, response: { 200: CannedReplyView } },
    },
    async (request) =>
      cannedView(
        await updateCannedReply(
          app.engine,
          request.params.id,
          request.body,
          actorOf(request),
          app.clock.now(),
        ),
      ),
  );

  app.delete(
    '/chat/canned-replies/:id',
    { onRequest: editors, schema: { params: IdParams } },
    async (request, reply) => {
      await deleteCannedReply(app.engine, request.params.id, actorOf(request), app.clock.now());
      return reply.code(204).send();
    },
  );
};
