import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import {
  type ChatRule,
  createChatRule,
  deleteChatRule,
  listChatRules,
  type RuleFields,
  updateChatRule,
} from '../../domain/chat/chat-rules-admin.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import {
  ChatRuleChanges,
  ChatRuleList,
  ChatRuleView,
  NewChatRuleBody,
} from '../../schemas/chat-admin-api.ts';
import { IdParams } from '../../schemas/staff-api.ts';

const ruleView = ({ updatedBy: _, ...rule }: ChatRule) => ({
  ...rule,
  updatedAt: rule.updatedAt.toISOString(),
});

/** The keyword auto-replies: the inbox's readers and marketers list them (the domain asks), marketers edit them. */
export const chatRuleRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const editors = requireStaff('chat_rules.edit');

  app.get(
    '/chat/rules',
    { onRequest: requireStaff(), schema: { response: { 200: ChatRuleList } } },
    async (request) => ({
      rules: (await listChatRules(app.engine, actorOf(request))).map(ruleView),
    }),
  );

  app.post(
    '/chat/rules',
    { onRequest: editors, schema: { body: NewChatRuleBody, response: { 201: ChatRuleView } } },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          ruleView(
            await createChatRule(app.engine, request.body as RuleFields, actorOf(request), app.clock.now()),
          ),
        ),
  );

  app.patch(
    '/chat/rules/:id',
    {
      onRequest: editors,
      schema: { params: IdParams, body: ChatRuleChanges, response: { 200: ChatRuleView } },
    },
    async (request) =>
      ruleView(
        await updateChatRule(
          app.engine,
          request.params.id,
          request.body as Partial<RuleFields>,
          actorOf(request),
          app.clock.now(),
        ),
      ),
  );

  app.delete(
    '/chat/rules/:id',
    { onRequest: editors, schema: { params: IdParams } },
    async (request, reply) => {
      await deleteChatRule(app.engine, request.params.id, actorOf(request), app.clock.now());
      return reply.code(204).send();
    },
  );
};
