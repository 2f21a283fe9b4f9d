import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';

export const LIFF_PAGES_DIR = join(import.meta.dirname, '..', '..', 'dist', 'liff-app');

export interface LiffPagesOptions {
  dir?: string;
  /** The clerk page's LIFF app (CLERK_LIFF_ID): in LINE the page scans with LINE's scanner. */
  clerkLiffId?: string;
}

/**
 * Serves the built LIFF pages (`vite build`, run by `npm start`) under /liff/: the member mini-app at
 * /liff/member/, the clerk page at /liff/clerk/, the staff console at /liff/staff/. Hashed assets are cached for a
 * year; the HTML is revalidated so a deploy shows at once. Files go compressed to browsers that accept it.
 * Beside the clerk page, its config: the LIFF ID it starts LIFF with when it finds itself in LINE.
 */
export const liffPages: FastifyPluginAsync<LiffPagesOptions> = async (
  app,
  { dir = LIFF_PAGES_DIR, clerkLiffId },
) => {
  app.get('/liff/clerk/config.json', async (_request, reply) => {
    reply.header('cache-control', 'no-cache');
    return { liffId: clerkLiffId ?? null };
  });
  if (!existsSync(dir)) {
    app.log.warn({ dir }, 'LIFF pages not built: run `npm run build`');
    return;
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/liff/',
    // The build writes .br and .gz beside each file (vite.config.ts); browsers that accept them get them.
    preCompressed: true,
    setHeaders(res, path) {
      const immutable = path.includes(`${join('liff-app', 'assets')}`);
      res.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
};
