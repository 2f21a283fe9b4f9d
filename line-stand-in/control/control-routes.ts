import type { FastifyInstance } from 'fastify';
import { type Static, type TSchema, Type } from 'typebox';
import { Value } from 'typebox/value';
import type { StandInContext } from '../context.ts';
import type { Inspector } from '../inspect.ts';
import { LineApiError } from '../line-errors.ts';
import type { Shoppers } from '../shoppers.ts';
import { STICKER_RESOURCE_TYPES, type StickerResourceType } from '../webhook-events.ts';
import { inspectionRoutes } from './inspection-routes.ts';

export interface ControlDeps {
  shoppers: Shoppers;
  inspect: Inspector;
}

const Mode = Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('standby')]));
const UserParams = Type.Object({ userId: Type.String() });
const ActionBody = Type.Object({ mode: Mode });
const NewShopper = Type.Object({
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
  language: Type.Optional(Type.String()),
  pictureUrl: Type.Optional(Type.String()),
  statusMessage: Type.Optional(Type.String()),
});
const IncomingMessage = Type.Union([
  Type.Object({
    type: Type.Literal('text'),
    text: Type.String({ minLength: 1, maxLength: 5000 }),
    mode: Mode,
  }),
  Type.Object({
    type: Type.Literal('sticker'),
    packageId: Type.String({ minLength: 1 }),
    stickerId: Type.String({ minLength: 1 }),
    stickerResourceType: Type.Optional(Type.Union(STICKER_RESOURCE_TYPES.map((t) => Type.Literal(t)))),
    keywords: Type.Optional(Type.Array(Type.String(), { maxItems: 15 })),
    mode: Mode,
  }),
  Type.Object({
    type: Type.Literal('image'),
    contentType: Type.Optional(Type.String()),
    base64: Type.Optional(Type.String()),
    mode: Mode,
  }),
  Type.Object({
    type: Type.Literal('file'),
    fileName: Type.String({ minLength: 1, maxLength: 255 }),
    contentType: Type.Optional(Type.String()),
    base64: Type.String({ minLength: 1 }),
    mode: Mode,
  }),
  Type.Object({
    type: Type.Literal('location'),
    title: Type.Optional(Type.String()),
    address: Type.Optional(Type.String()),
    latitude: Type.Number(),
    longitude: Type.Number(),
    mode: Mode,
  }),
]);
const Postback = Type.Object({
  data: Type.String({ maxLength: 300 }),
  params: Type.Optional(Type.Record(Type.String(), Type.String())),
  mode: Mode,
});
const IdTokenRequest = Type.Object({
  nonce: Type.Optional(Type.String()),
  expiresInSeconds: Type.Optional(Type.Integer({ minimum: 1 })),
  expired: Type.Optional(Type.Boolean()),
  audience: Type.Optional(Type.String()),
});

type Action = 'follow' | 'block' | 'unblock';

/** Photos and files a shopper sends, base64 in JSON: up to 10 MB of bytes (the stand-in's own limit). */
const SHOPPER_UPLOAD_LIMIT = 14 * 1024 * 1024;

/** Bodies that may be left out entirely (a bare POST): checked here, since Fastify would demand one. */
function optionalBody<T extends TSchema>(schema: T, body: unknown): Static<T> {
  const value = body ?? {};
  if (!Value.Check(schema, value)) throw new LineApiError(400, 'The request body is invalid');
  return value as Static<T>;
}
type Incoming =
  | { type: 'text'; text: string }
  | {
      type: 'sticker';
      packageId: string;
      stickerId: string;
      stickerResourceType?: StickerResourceType;
      keywords?: string[];
    }
  | { type: 'image'; contentType?: string; base64?: string }
  | { type: 'file'; fileName: string; contentType?: string; base64: string }
  | { type: 'location'; title?: string; address?: string; latitude: number; longitude: number };
interface WithUser {
  Params: { userId: string };
}
type WithMode = { mode?: 'active' | 'standby' };

/**
 * The stand-in's own JSON API (under /_stand-in on the api origin), for the demo's phone page and for
 * scripts: play shoppers, then read what LINE saw. Documented in README.md. No access token: it only
 * ever listens on a local interface.
 */
export function controlRoutes(app: FastifyInstance, ctx: StandInContext, deps: ControlDeps): void {
  const { shoppers } = deps;
  // The phone page may be served from another local origin (the product's).
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-allow-headers', 'content-type');
    reply.header('access-control-allow-methods', 'GET, POST, PUT, DELETE');
  });
  app.options('/*', async (_request, reply) => reply.code(204).send());

  app.get('/shoppers', async () => shoppers.list());
  app.post<{ Body: Record<string, string> }>(
    '/shoppers',
    { schema: { body: NewShopper } },
    async (request, reply) => reply.code(201).send(shoppers.create(request.body)),
  );
  app.get<WithUser>('/shoppers/:userId', { schema: { params: UserParams } }, async (request) =>
    shoppers.get(request.params.userId),
  );

  for (const action of ['follow', 'block', 'unblock'] satisfies Action[]) {
    app.post<WithUser>(`/shoppers/:userId/${action}`, { schema: { params: UserParams } }, async (request) =>
      shoppers[action](request.params.userId, optionalBody(ActionBody, request.body)),
    );
  }

  app.post<WithUser & { Body: Incoming & WithMode }>(
    '/shoppers/:userId/messages',
    { schema: { params: UserParams, body: IncomingMessage }, bodyLimit: SHOPPER_UPLOAD_LIMIT },
    async (request) => {
      const { userId } = request.params;
      const { mode, ...message } = request.body;
      switch (message.type) {
        case 'text':
          return shoppers.sendText(userId, message.text, { mode });
        case 'sticker': {
          const { packageId, stickerId, stickerResourceType, keywords } = message;
          return shoppers.sendSticker(userId, packageId, stickerId, { mode, stickerResourceType, keywords });
        }
        case 'image': {
          const bytes = message.base64 ? Buffer.from(message.base64, 'base64') : undefined;
          return shoppers.sendImage(userId, { bytes, contentType: message.contentType }, { mode });
        }
        case 'file': {
          const { fileName, contentType, base64 } = message;
          return shoppers.sendFile(
            userId,
            { fileName, contentType, bytes: Buffer.from(base64, 'base64') },
            { mode },
          );
        }
        case 'location':
          return shoppers.sendLocation(userId, message, { mode });
      }
    },
  );

  app.post<{ Params: { userId: string; messageId: string }; Body: WithMode | undefined }>(
    '/shoppers/:userId/messages/:messageId/unsend',
    async (request) => {
      const { userId, messageId } = request.params;
      return shoppers.unsend(userId, messageId, optionalBody(ActionBody, request.body));
    },
  );

  app.post<WithUser & { Body: { data: string; params?: Record<string, string> } & WithMode }>(
    '/shoppers/:userId/postbacks',
    { schema: { params: UserParams, body: Postback } },
    async (request) => {
      const { data, params, mode } = request.body;
      return shoppers.postback(request.params.userId, data, params, { mode });
    },
  );

  app.post<WithUser>('/shoppers/:userId/id-tokens', { schema: { params: UserParams } }, async (request) => ({
    idToken: await shoppers.idToken(request.params.userId, optionalBody(IdTokenRequest, request.body)),
  }));

  app.post<{ Params: { webhookEventId: string } }>(
    '/webhook/events/:webhookEventId/redelivery',
    async (request) => shoppers.redeliver(request.params.webhookEventId),
  );

  inspectionRoutes(app, ctx, deps);
}
