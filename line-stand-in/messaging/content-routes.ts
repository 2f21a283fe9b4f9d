import type { FastifyInstance } from 'fastify';
import type { StandInContext } from '../context.ts';
import { imageSize } from '../image-size.ts';
import { LineApiError, notFound } from '../line-errors.ts';
import { findRichMenu } from './rich-menu-routes.ts';

/** LINE takes rich menu images up to 1 MB: https://developers.line.biz/en/reference/messaging-api/#upload-rich-menu-image */
const RICH_MENU_IMAGE_LIMIT = 1024 * 1024;
const IMAGE_TYPES = ['image/png', 'image/jpeg'];

/** The data host (api-data.line.me): binary content going both ways. */
export function contentRoutes(app: FastifyInstance, ctx: StandInContext): void {
  app.addContentTypeParser(
    IMAGE_TYPES,
    { parseAs: 'buffer', bodyLimit: 2 * RICH_MENU_IMAGE_LIMIT },
    (_r, body, done) => done(null, body),
  );

  app.post<{ Params: { richMenuId: string }; Body: Buffer }>(
    '/v2/bot/richmenu/:richMenuId/content',
    async (request) => {
      const menu = findRichMenu(ctx, request.params.richMenuId);
      const contentType = String(request.headers['content-type']).split(';')[0]!.trim();
      const bytes = request.body;
      if (bytes.length > RICH_MENU_IMAGE_LIMIT) throw new LineApiError(413, 'Request entity too large');
      const size = imageSize(bytes);
      if (!size || `image/${size.type}` !== contentType) {
        throw new LineApiError(400, 'The image is not a JPEG or PNG of the declared content type');
      }
      // LINE checks the image against the size the menu declared.
      if (size.width !== menu.size.width || size.height !== menu.size.height) {
        throw new LineApiError(400, "The image size doesn't match the size of the rich menu");
      }
      // LINE never replaces a menu's image: a new image means a new rich menu.
      if (menu.image) throw new LineApiError(400, 'An image has already been uploaded to the richmenu');
      menu.image = { contentType, base64: bytes.toString('base64') };
      return {};
    },
  );

  app.get<{ Params: { richMenuId: string } }>(
    '/v2/bot/richmenu/:richMenuId/content',
    async (request, reply) => {
      const { image } = findRichMenu(ctx, request.params.richMenuId);
      if (!image) throw notFound();
      return reply.type(image.contentType).send(Buffer.from(image.base64, 'base64'));
    },
  );

  app.get<{ Params: { messageId: string } }>('/v2/bot/message/:messageId/content', async (request, reply) => {
    const content = ctx.state.contents[request.params.messageId];
    if (!content) throw notFound();
    return reply.type(content.contentType).send(Buffer.from(content.base64, 'base64'));
  });
}
