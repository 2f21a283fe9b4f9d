import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { AppOptions } from '../app.ts';
import { startProduct, TEST_LIFF_ID, TEST_LOGIN_CHANNEL_ID } from '../testing/harness.ts';

/** Built pages enough to serve: the member app and the clerk page. */
let pagesDir: string;
beforeAll(() => {
  pagesDir = mkdtempSync(join(tmpdir(), 'liff-pages-'));
  for (const page of ['member', 'clerk']) {
    mkdirSync(join(pagesDir, page));
    writeFileSync(join(pagesDir, page, 'index.html'), `<!doctype html><title>${page}</title>`);
  }
});
afterAll(() => rmSync(pagesDir, { recursive: true, force: true }));

async function product(app: Partial<AppOptions> = {}) {
  const started = await startProduct({ app: { liffPagesDir: pagesDir, ...app } });
  onTestFinished(() => started.close());
  return started.app;
}

/** The Content-Security-Policy as directive → sources. */
function policyOf(headers: Record<string, unknown>): Record<string, string[]> {
  const header = String(headers['content-security-policy'] ?? '');
  return Object.fromEntries(
    header
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

describe('security headers', () => {
  it('go with a page, an API answer and an error alike', async () => {
    const app = await product();
    const answers = {
      page: await app.inject('/liff/member/'),
      api: await app.inject('/api/liff/config'),
      unauthorized: await app.inject('/api/liff/points'),
      notFound: await app.inject('/api/liff/nothing-here'),
    };
    expect(Object.values(answers).map((a) => a.statusCode)).toEqual([200, 200, 401, 404]);
    for (const { headers } of Object.values(answers)) {
      expect(headers).toMatchObject({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'same-origin',
        'x-frame-options': 'DENY',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
      });
      const policy = policyOf(headers);
      expect(policy).toMatchObject({
        'default-src': ["'self'"],
        'script-src': ["'self'", 'https://static.line-scdn.net'],
        'object-src': ["'none'"],
        'frame-ancestors': ["'none'"],
        'upgrade-insecure-requests': [],
      });
      expect(policy['connect-src']).toEqual([
        "'self'",
        'https://api.line.me',
        'https://access.line.me',
        'https://liffsdk.line-scdn.net',
      ]);
    }
  });

  it('let the clerk page compile its scanner, and eval only when it scans with LINE', async () => {
    const camera = await product();
    const onItsOwn = policyOf((await camera.inject('/liff/clerk/')).headers);
    expect(onItsOwn['script-src']).toEqual(["'self'", 'https://static.line-scdn.net', "'wasm-unsafe-eval'"]);
    expect(onItsOwn['frame-src']).toEqual(["'self'"]);
    // The member app gets neither.
    expect(policyOf((await camera.inject('/liff/member/')).headers)['script-src']).toEqual([
      "'self'",
      'https://static.line-scdn.net',
    ]);

    const liff = {
      liffId: TEST_LIFF_ID,
      loginChannelId: TEST_LOGIN_CHANNEL_ID,
      jwksUrl: 'http://127.0.0.1:9/',
    };
    const inLine = await product({ liff: { ...liff, clerkLiffId: '1657000000-IjKlMnOp' } });
    const withLine = policyOf((await inLine.inject('/liff/clerk/?liff.state=x')).headers);
    expect(withLine['script-src']).toContain("'unsafe-eval'");
    expect(withLine['frame-src']).toContain('https://liff-subwindow.line.me');
    expect(withLine['form-action']).toContain('https://liff-subwindow.line.me');
  });

  it('in the demo, let exactly the phone page frame the pages, over plain http', async () => {
    const app = await product({ demo: true, framedBy: ['http://127.0.0.1:3001'] });
    const { headers } = await app.inject('/liff/member/');
    expect(policyOf(headers)['frame-ancestors']).toEqual(['http://127.0.0.1:3001']);
    expect(policyOf(headers)).not.toHaveProperty('upgrade-insecure-requests');
    expect(headers['x-frame-options']).toBeUndefined();
    expect(headers['strict-transport-security']).toBeUndefined();
  });
});
