import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { recordAnswer } from '../../domain/chat/answer.ts';
import { changeConversation } from '../../domain/chat/assign.ts';
import {
  chatMessageView,
  conversationRow,
  conversationView,
  listConversations,
} from '../../domain/chat/inbox.ts';
import { mediaInScope } from '../../domain/chat/media-bytes.ts';
import { markConversationRead, unreadMark } from '../../domain/chat/read.ts';
import { viewerOf } from '../../domain/chat/scope.ts';
import { LOADING_SECONDS, mayStartTyping } from '../../domain/chat/typing.ts';
import { sendRecordedAnswer } from '../../line/chat-answers.ts';
import { describeLineError } from '../../line/errors.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import {
  AnswerBody,
  AnswerView,
  ConversationChangeBody,
  ConversationQuery,
  ConversationRow,
  ConversationView,
  InboxPage,
  InboxQuery,
  MediaParams,
} from '../../schemas/chat-api.ts';
import { IdParams } from '../../schemas/staff-api.ts';
import { chatImageRoutes } from './chat-images.ts';

/** What a push may still send this month: LINE's limit less its use; null for no limit or when LINE did not say. */
async function quotaLeft(app: FastifyInstance): Promise<number | null> {
  try {
    const [quota, used] = await Promise.all([
      app.line.messaging.getMessageQuota(),
      app.line.messaging.getMessageQuotaConsumption(),
    ]);
    return quota.type === 'limited' && quota.value != null
      ? Math.max(0, quota.value - used.totalUsage)
      : null;
  } catch (error) {
    app.log.warn(describeLineError(error), 'LINE did not tell the message quota');
    return null;
  }
}

const assigneeOf = (assignee: InboxQuery['assignee']): 'me' | 'none' | number | undefined =>
  assignee === undefined || assignee === 'me' || assignee === 'none' ? assignee : Number(assignee);

/**
 * The 1:1 chat inbox (issue 15): the list, a conversation, marking it read, the loading animation while staff
 * write, an answer (a free reply when the shopper's reply token is fresh, else a push under a retry key; an
 * image: chat-images.ts), and a change of status, mode, assignee or store. Every conversation outside the
 * session's scope is 404.
 */
export const chatRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  const readers = requireStaff('chat.read');
  const answerers = requireStaff('chat.reply');
  await app.register(chatImageRoutes);

  app.get(
    '/chat/conversations',
    { onRequest: readers, schema: { querystring: InboxQuery, response: { 200: InboxPage } } },
    async (request) => {
      const { assignee, unread, ...rest } = request.query;
      const filters = { ...rest, assignee: assigneeOf(assignee), unread: unread === '1' };
      return listConversations(app.engine, viewerOf(actorOf(request)), filters, app.clock.now());
    },
  );

  app.get(
    '/chat/conversations/:id',
    {
      onRequest: readers,
      schema: { params: IdParams, querystring: ConversationQuery, response: { 200: ConversationView } },
    },
    async (request) => {
      const viewer = viewerOf(actorOf(request));
      const view = await conversationView(
        app.engine,
        viewer,
        request.params.id,
        request.query.before,
        app.clock.now(),
      );
      return {
        ...view,
        push: { ...view.push, quotaLeft: await quotaLeft(app) },
        images: { allowed: app.chatImages.publicUrl !== null },
      };
    },
  );

  // LINE marks the newest unread message read and every one before it: the shopper sees 已讀.
  // https://developers.line.biz/en/reference/messaging-api/#mark-as-read
  app.post(
    '/chat/conversations/:id/read',
    { onRequest: answerers, schema: { params: IdParams } },
    async (request) => {
      const actor = actorOf(request);
      const mark = await unreadMark(app.engine, actor, request.params.id);
      if (!mark) return { ok: true };
      if (mark.token) {
        try {
          await app.line.messaging.markMessagesAsReadByToken({ markAsReadToken: mark.token });
        } catch (error) {
          request.log.warn(describeLineError(error), 'LINE did not mark the chat read');
        }
      }
      await markConversationRead(app.engine, actor, request.params.id, app.clock.now());
      return { ok: true };
    },
  );

  app.post(
    '/chat/conversations/:id/typing',
    { onRequest: answerers, schema: { params: IdParams } },
    async (request, reply) => {
      const chatId = await mayStartTyping(app.engine, actorOf(request), request.params.id, app.clock.now());
      if (chatId) {
        try {
          await app.line.messaging.showLoadingAnimation({ chatId, loadingSeconds: LOADING_SECONDS });
        } catch (error) {
          request.log.warn(describeLineError(error), 'LINE did not show the loading animation');
        }
      }
      return reply.code(202).send({});
    },
  );

  app.post(
    '/chat/conversations/:id/messages',
    { onRequest: answerers, schema: { params: IdParams, body: AnswerBody, response: { 200: AnswerView } } },
    async (request) => {
      const now = app.clock.now();
      const recorded = await recordAnswer(app.engine, actorOf(request), request.params.id, request.body, now);
      const line = { engine: app.engine, line: app.line, clock: app.clock, log: request.log };
      const message = await sendRecordedAnswer(line, recorded);
      return { message: await chatMessageView(app.engine, message), delivery: message.delivery ?? 'push' };
    },
  );

  app.patch(
    '/chat/conversations/:id',
    {
      onRequest: answerers,
      schema: { params: IdParams, body: ConversationChangeBody, response: { 200: ConversationRow } },
    },
    async (request) => {
      await changeConversation(
        app.engine,
        actorOf(request),
        request.params.id,
        request.body,
        app.clock.now(),
      );
      return conversationRow(app.engine, request.params.id);
    },
  );

  app.get(
    '/chat/media/:messageId',
    { onRequest: readers, schema: { params: MediaParams } },
    async (request, reply) => {
      const media = await mediaInScope(app.engine, viewerOf(actorOf(request)), request.params.messageId);
      // A shopper's file is not the console's page: anything but a picture, a video or a sound is a download.
      if (!/^(image|video|audio)\//.test(media.contentType))
        reply.header('content-disposition', 'attachment');
      return reply
        .header('content-type', media.contentType)
        .header('cache-control', 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .send(media.content);
    },
  );
};
