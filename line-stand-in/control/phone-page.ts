import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npx vite build --config line-stand-in/phone/vite.config.ts` puts the phone page. */
export const PHONE_PAGE_DIR = resolve(import.meta.dirname, '../../dist/phone');

export const NOT_BUILT =
  'The phone page is not built. Run: npx vite build --config line-stand-in/phone/vite.config.ts';

/**
 * The demo's phone page (line-stand-in/phone/), served as built at `/_stand-in/phone/` on the api origin, so
 * its calls to the control API are same-origin. Looked up on each request: it may be built after the start.
 */
export async function phonePage(app: FastifyInstance, dir: string = PHONE_PAGE_DIR): Promise<void> {
  await app.register(fastifyStatic, { root: dir, serve: false });
  const serve = async (request: FastifyRequest<{ Params: { '*'?: string } }>, reply: FastifyReply) => {
    // Relative asset addresses need the folder's trailing slash.
    if (request.url.split('?')[0] === app.prefix) return reply.redirect(`${app.prefix}/`);
    if (!existsSync(resolve(dir, 'index.html'))) {
      return reply.code(404).type('text/plain; charset=utf-8').send(NOT_BUILT);
    }
    const path = request.params['*'] || 'index.html';
    // Built assets have hashed names; the page itself must never be stale.
    const cache = path.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
    return reply.header('cache-control', cache).sendFile(path);
  };
  app.get('/', serve);
  app.get('/*', serve);
}
