import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import Fastify from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readCliOptions } from './cli-config.ts';
import { NOT_BUILT, phonePage } from './control/phone-page.ts';
import { startTestLine, type TestLine } from './test-kit.ts';

const root = resolve(import.meta.dirname, '..');
let t: TestLine;

// The page's own build takes about a second: build it as `npm` would, then ask the stand-in for it.
beforeAll(async () => {
  await promisify(execFile)(
    process.execPath,
    [
      join(root, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'line-stand-in/phone/vite.config.ts',
      '--logLevel',
      'error',
    ],
    { cwd: root },
  );
  t = await startTestLine({ liffUrl: 'http://127.0.0.1:3000/liff/member/' });
}, 30_000);
afterAll(() => t?.line.close());

it('serves the built phone page at /_stand-in/phone/, its assets beside it', async () => {
  const page = await fetch(`${t.line.urls.api}/_stand-in/phone/`);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toContain('text/html');
  const html = await page.text();
  expect(html).toContain('<div id="root"></div>');
  const script = /src="(\/_stand-in\/phone\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(script).toBeDefined();
  const asset = await fetch(`${t.line.urls.api}${script}`);
  expect(asset.status).toBe(200);
  expect(asset.headers.get('content-type')).toContain('javascript');

  const bare = await fetch(`${t.line.urls.api}/_stand-in/phone`, { redirect: 'manual' });
  expect([bare.status, bare.headers.get('location')]).toEqual([302, '/_stand-in/phone/']);
  expect((await fetch(`${t.line.urls.api}/_stand-in/phone/assets/nothing.js`)).status).toBe(404);
});

it('tells the page where the LIFF app is', async () => {
  expect(await (await fetch(`${t.line.urls.api}/_stand-in/config`)).json()).toMatchObject({
    liffUrl: 'http://127.0.0.1:3000/liff/member/',
    loginChannelId: '1657000000',
  });
});

it('says how to build the page when it is not built', async () => {
  const empty = await mkdtemp(join(tmpdir(), 'phone-'));
  const app = Fastify();
  app.register(async (scope) => phonePage(scope, empty), { prefix: '/_stand-in/phone' });
  try {
    const response = await app.inject('/_stand-in/phone/');
    expect(response.statusCode).toBe(404);
    expect(response.body).toBe(NOT_BUILT);
    expect(response.body).toContain('npx vite build --config line-stand-in/phone/vite.config.ts');
  } finally {
    await app.close();
    await rm(empty, { recursive: true });
  }
});

it('takes the LIFF URL from --liff-url or LINE_STAND_IN_LIFF_URL', () => {
  const url = 'http://127.0.0.1:3000/liff/member/';
  expect(readCliOptions(['--liff-url', url], {}).liffUrl).toBe(url);
  expect(readCliOptions([], { LINE_STAND_IN_LIFF_URL: url }).liffUrl).toBe(url);
  expect(readCliOptions([], {})).not.toHaveProperty('liffUrl');
});
