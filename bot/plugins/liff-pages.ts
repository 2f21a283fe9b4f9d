import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync } from 'fastify';
import { escapeHtml } from './escape-html.ts';

export const LIFF_PAGES_DIR = join(import.meta.dirname, '..', '..', 'dist', 'liff-app');

export interface LiffPagesOptions {
  dir?: string;
  /** The clerk page's LIFF app (CLERK_LIFF_ID): in LINE the page scans with LINE's scanner. */
  clerkLiffId?: string;
  /** The brand (BRAND_NAME) the terms and the privacy policy name as the party shoppers agree with. */
  brandName?: string;
}

/** The pages that name the brand: in their HTML, `<span data-brand>…</span>` holds the name to put in. */
const BRANDED_PAGES = ['member/terms.html', 'member/privacy.html'];
const BRAND_SLOT = /(<span data-brand>)[^<]*(<\/span>)/g;

/**
 * Serves the built LIFF pages (`vite build`, run by `npm start`) under /liff/: the member mini-app at
 * /liff/member/, the clerk page at /liff/clerk/, the staff console at /liff/staff/. Hashed assets are cached for a
 * year; the HTML is revalidated so a deploy shows at once. Files go compressed to browsers that accept it.
 * Beside the clerk page, its config: the LIFF ID it starts LIFF with when it finds itself in LINE.
 */
export const liffPages: FastifyPluginAsync<LiffPagesOptions> = async (
  app,
  { dir = LIFF_PAGES_DIR, clerkLiffId, brandName },
) => {
  app.get('/liff/clerk/config.json', async (_request, reply) => {
    reply.header('cache-control', 'no-cache');
    return { liffId: clerkLiffId ?? null };
  });
  if (!existsSync(dir)) {
    app.log.warn({ dir }, 'LIFF pages not built: run `npm run build`');
    return;
  }
  // Filled in as they are served rather than at build time: one build serves any brand, and the name can
  // change with a restart. Read at each request, so a rebuild shows at once as the other pages do.
  if (brandName) {
    const name = escapeHtml(brandName);
    for (const page of BRANDED_PAGES) {
      app.get(`/liff/${page}`, async (_request, reply) => {
        const html = await readFile(join(dir, page), 'utf8');
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-cache')
          .send(html.replace(BRAND_SLOT, (_slot, open: string, close: string) => open + name + close));
      });
    }
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
