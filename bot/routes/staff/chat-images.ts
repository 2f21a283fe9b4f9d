import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import { IMAGE_MAX_BYTES, recordImageAnswer } from '../../domain/chat/image-answer.ts';
import { chatMessageView } from '../../domain/chat/inbox.ts';
import { DomainError } from '../../domain/errors.ts';
import { sendRecordedAnswer } from '../../line/chat-answers.ts';
import { errorHandler } from '../../plugins/errors.ts';
import { actorOf, requireStaff } from '../../plugins/staff-session.ts';
import { AnswerView, ImageAnswerBody } from '../../schemas/chat-api.ts';
import { IdParams } from '../../schemas/staff-api.ts';

/** A 10 MB original and its 1 MB preview in base64 (4 characters for 3 bytes) fit, with room for the JSON. */
const IMAGE_BODY_LIMIT = 15 * 1024 * 1024;

/**
 * POST /api/staff/chat/conversations/:id/images: staff answer with a JPEG or PNG (issue 15, point 3). The body
 * is JSON with both files in base64; the answer goes as a text answer does (bot/routes/staff/chat.ts), and LINE
 * fetches the files from their signed links under PUBLIC_URL (bot/routes/chat-media.ts).
 */
export const chatImageRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.post(
    '/chat/conversations/:id/images',
    {
      onRequest: requireStaff('chat.reply'),
      bodyLimit: IMAGE_BODY_LIMIT,
      schema: { params: IdParams, body: ImageAnswerBody, response: { 200: AnswerView } },
      // A body past the limit is an image far over LINE's 10 MB: said as such, not as Fastify's English.
      errorHandler: (error: FastifyError, request, reply) =>
        errorHandler(
          error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
            ? (new DomainError('CHAT_IMAGE_TOO_LARGE', '圖片不可超過 10 MB', {
                field: 'original',
                maxBytes: IMAGE_MAX_BYTES,
              }) as unknown as FastifyError)
            : error,
          request,
          reply,
        ),
    },
    async (request) => {
      const { original, preview, requestId } = request.body;
      const recorded = await recordImageAnswer(
        app.engine,
        actorOf(request),
        request.params.id,
        { original: Buffer.from(original, 'base64'), preview: Buffer.from(preview, 'base64'), requestId },
        app.chatImages,
        app.clock.now(),
      );
      const line = { engine: app.engine, line: app.line, clock: app.clock, log: request.log };
      const message = await sendRecordedAnswer(line, recorded);
      return { message: await chatMessageView(app.engine, message), delivery: message.delivery ?? 'push' };
    },
  );
};
