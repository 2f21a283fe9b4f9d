import fp from 'fastify-plugin';
import type { Brand } from '../config.ts';
import { type DemoHomeOptions, demoHomePage } from './demo-home-page.ts';

export type { DemoHomeOptions } from './demo-home-page.ts';

/** The product's green (LINE's, which the Flex messages' buttons use too), behind a white member card. */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="14" fill="#06C755"/>
<rect x="12" y="18" width="40" height="28" rx="5" fill="#FFFFFF"/>
<rect x="12" y="25" width="40" height="5" fill="#06C755"/>
<rect x="17" y="36" width="14" height="4" rx="2" fill="#06C755"/>
</svg>
`;

export interface FrontDoorOptions {
  brand: Brand;
  demoHome?: DemoHomeOptions;
}

/**
 * What a browser asks of the host itself: the favicon, for every page without a line of their HTML (browsers ask
 * for /favicon.ico by themselves; modern ones take an SVG there), and in demo mode a home page at `/` that links
 * the demo's pages. Outside demo mode `/` stays a 404: shoppers arrive through LINE, staff at their pages.
 */
export const frontDoor = fp<FrontDoorOptions>(
  async (app, { brand, demoHome }) => {
    for (const url of ['/favicon.svg', '/favicon.ico']) {
      app.get(url, async (_request, reply) =>
        reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON_SVG),
      );
    }
    if (!demoHome) return;
    app.get('/', async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(demoHomePage(brand, demoHome)),
    );
  },
  { name: 'front-door' },
);
