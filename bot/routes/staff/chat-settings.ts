import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { readChatSettings, updateChatSettings } from '../../domain/chat/settings.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import { ChatSettingsBody } from '../../schemas/chat-admin-api.ts';

/** Business hours, the away and "soon" texts and the retention: the inbox's readers read them, admins change them. */
export const chatSettingsRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/chat/settings',
    { onRequest: requireStaff(), schema: { response: { 200: ChatSettingsBody } } },
    async (request) => readChatSettings(app.engine, actorOf(request)),
  );

  app.put(
    '/chat/settings',
    {
      onRequest: requireStaff('chat_settings.edit'),
      schema: { body: ChatSettingsBody, response: { 200: ChatSettingsBody } },
    },
    async (request) => updateChatSettings(app.engine, request.body, actorOf(request), app.clock.now()),
  );
};
