import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { sentImage } from '../domain/chat/media-bytes.ts';
import { SentImageParams, SentImageQuery } from '../schemas/chat-api.ts';

/**
 * GET /media/chat/:messageId/:variant?exp=…&sig=…: the original or the preview of an image staff sent, for LINE,
 * which fetches an image message's files from public https links (ADR 37). No session: the signature over the
 * id, the variant and the expiry is the permission. A link not signed by this server, or past its expiry, is 403
 * before the database is read; a signed one whose image was erased is 404. Nothing here lists anything.
 */
export const chatMediaRoutes: FastifyPluginAsync = async (plain) => {
  const app = plain.withTypeProvider<TypeBoxTypeProvider>();
  app.get(
    '/media/chat/:messageId/:variant',
    { schema: { params: SentImageParams, querystring: SentImageQuery } },
    async (request, reply) => {
      const { messageId, variant } = request.params;
      const { exp, sig } = request.query;
      const check = app.chatImages.signature.check(messageId, variant, exp, sig, app.clock.now());
      if (check !== 'valid') {
        const why =
          check === 'expired' ? '這個連結已過期。(This link has expired)' : '連結無效。(Invalid link)';
        return reply.code(403).send({ code: 'LINK_REFUSED', message: why });
      }
      const image = await sentImage(app.engine, messageId, variant);
      return reply
        .header('content-type', image.contentType)
        .header('cache-control', 'private, max-age=3600')
        .header('x-content-type-options', 'nosniff')
        .send(image.content);
    },
  );
};
