import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/**
 * What the pages load besides our own files, each for a reason (docs/decisions/0020-security-headers.md). The
 * LIFF SDK is bundled from @line/liff; in LINE it still loads and calls LINE's hosts.
 */
const LINE = {
  /** liff.init in LINE's browser adds LINE's extension scripts and its alert component (lui) from here. */
  scripts: 'https://static.line-scdn.net',
  /** LIFF's server API (app info, ID-token keys) and LINE Login's OpenID configuration. */
  api: 'https://api.line.me',
  login: 'https://access.line.me',
  /** The SDK's own messages in the member's language (LIFF i18n). */
  translations: 'https://liffsdk.line-scdn.net',
  /** liff.scanCodeV2 (the clerk page in LINE) talks to LINE's scanner window through a frame posted to here. */
  subWindow: 'https://liff-subwindow.line.me',
};

export interface SecurityHeadersOptions {
  /**
   * Origins that may show the pages in a frame: the demo's phone page (the LINE stand-in), which shows the LIFF
   * app as LINE would. None in production: LINE opens LIFF apps in its own browser, never in a frame.
   */
  framedBy?: string[];
  /** Plain http on localhost (demo mode): requests are not upgraded to https, which nothing there answers. */
  plainHttp?: boolean;
  /** The clerk page's LIFF app (CLERK_LIFF_ID): in LINE the page scans with liff.scanCodeV2. */
  clerkLiffId?: string;
  /** Origins of images the pages show besides our own: the brand's logo (BRAND_LOGO_URL) in the console. */
  images?: string[];
}

type Directives = Record<string, string[]>;

/** The policy every page and API answer carries. */
export function basePolicy({
  framedBy = [],
  plainHttp = false,
  images = [],
}: SecurityHeadersOptions): Directives {
  return {
    'default-src': ["'self'"],
    'base-uri': ["'self'"],
    'object-src': ["'none'"],
    'script-src': ["'self'", LINE.scripts],
    'script-src-attr': ["'none'"],
    // React sets styles through the DOM, which CSP allows; LINE's alert component brings its own style sheets.
    'style-src': ["'self'", "'unsafe-inline'", LINE.scripts],
    // Coupon images are wherever the marketer keeps them (any https host): an image cannot run script.
    'img-src': ["'self'", 'data:', 'https:', ...images],
    'font-src': ["'self'"],
    'connect-src': ["'self'", LINE.api, LINE.login, LINE.translations],
    'frame-src': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': framedBy.length > 0 ? framedBy : ["'none'"],
    ...(!plainHttp && { 'upgrade-insecure-requests': [] }),
  };
}

/**
 * The clerk page's: the camera reader compiles zxing-wasm's WebAssembly. In LINE (a clerk LIFF app set),
 * liff.scanCodeV2 builds its message frame by evaluating a script in a blank frame, which inherits this policy:
 * only then does the page allow eval, LINE's sub-window frame and its form post.
 */
export function clerkPolicy(options: SecurityHeadersOptions): Directives {
  const base = basePolicy(options);
  const inLine = options.clerkLiffId !== undefined;
  return {
    ...base,
    'script-src': [...base['script-src']!, "'wasm-unsafe-eval'", ...(inLine ? ["'unsafe-eval'"] : [])],
    'frame-src': [...base['frame-src']!, ...(inLine ? [LINE.subWindow] : [])],
    'form-action': [...base['form-action']!, ...(inLine ? [LINE.subWindow] : [])],
  };
}

const isClerkPage = (request: FastifyRequest) => /^\/liff\/clerk\/(index\.html)?(\?|$)/.test(request.url);

function helmetOptions(options: SecurityHeadersOptions, directives: Directives): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives },
    // frame-ancestors says who may frame the pages; X-Frame-Options, for browsers without it, cannot name
    // another origin, so the demo (framed by its phone page) goes without.
    xFrameOptions: (options.framedBy ?? []).length > 0 ? false : { action: 'deny' },
    // Addresses in the pages' URLs (LINE Login's code and state, the LIFF path) never leave for other sites; our
    // own requests keep their Origin.
    referrerPolicy: { policy: 'same-origin' },
    // LIFF's sub-window (the clerk's scanner in LINE) is a popup the page keeps a handle to.
    crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
    strictTransportSecurity: options.plainHttp ? false : { maxAge: 31_536_000, includeSubDomains: true },
  };
}

/**
 * Security headers on every answer, pages, API and errors alike (@fastify/helmet): a Content-Security-Policy
 * that names each outside source the LIFF pages need, who may frame them, nosniff and a referrer policy.
 */
export const securityHeaders = fp<SecurityHeadersOptions>(
  async (app, options) => {
    await app.register(fastifyHelmet, helmetOptions(options, basePolicy(options)));
    const clerk = helmetOptions(options, clerkPolicy(options));
    app.addHook('onRequest', async (request, reply) => {
      if (isClerkPage(request)) reply.helmet(clerk);
    });
  },
  { name: 'security-headers' },
);
