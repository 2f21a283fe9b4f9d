import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { onTestFinished } from 'vitest';
// biome-ignore-start lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { buildApp } from '../../bot/app.ts';
import { appOptionsFor, TEST_LOGIN_CHANNEL_ID } from '../../bot/testing/harness.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { startLineStandIn } from '../../line-stand-in/index.ts';
// biome-ignore-end lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { launchChromium } from './chromium.ts';
import { buildPages } from './pages.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const VITE = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');

/** The stand-in's phone page, built as `npm start` builds it, into a folder of this test's own. */
export async function buildPhonePage() {
  const dir = mkdtempSync(join(tmpdir(), 'phone-page-'));
  const { NODE_ENV: _testEnv, ...env } = process.env;
  const config = join('line-stand-in', 'phone', 'vite.config.ts');
  const args = [VITE, 'build', '--config', config, '--logLevel', 'warn', '--outDir', dir, '--emptyOutDir'];
  await promisify(execFile)(process.execPath, args, { cwd: ROOT, env });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The demo as `npm start` wires it (bot/server.ts), for a browser test: the built pages and the phone page, the
 * LINE stand-in serving the phone page, the server on a free port (the phone page, on the stand-in's origin, may
 * frame the member app), a fresh database and a Chromium. Everything is closed when the test finishes, the
 * browser's pages first (the phone page keeps a connection to the stand-in open).
 */
export async function startPhoneDemo(
  chromiumPath: string,
  {
    lineNow,
    publicUrl,
  }: {
    /** LINE's clock (the stand-in's), when a test moves it on. */
    lineNow?: () => number;
    /** PUBLIC_URL, for a test of the chat's images (the demo has none). */
    publicUrl?: string;
  } = {},
) {
  const building = Promise.all([buildPages(), buildPhonePage()]);
  const launching = launchChromium(chromiumPath);
  onTestFinished(async () => {
    await Promise.allSettled([
      building.then(([pages, phonePage]) => [pages.remove(), phonePage.remove()]),
      launching.then((b) => b.close()),
    ]);
  });
  const [[pages, phonePage], browser] = await Promise.all([building, launching]);
  const secrets = {
    channelSecret: randomBytes(16).toString('hex'),
    channelAccessToken: randomBytes(24).toString('base64url'),
  };
  const line = await startLineStandIn({
    ...secrets,
    loginChannelId: TEST_LOGIN_CHANNEL_ID,
    phonePageDir: phonePage.dir,
    ...(lineNow && { now: lineNow }),
  });
  const engine = await openTestEngine();
  const app = await buildApp({
    ...appOptionsFor(line, secrets, engine),
    demo: true,
    liffPagesDir: pages.dir,
    framedBy: [line.urls.api],
    ...(publicUrl && { publicUrl }),
  });
  onTestFinished(async () => {
    await Promise.all(browser.contexts().map((opened) => opened.close()));
    await app.close();
    await line.close();
    await engine.close();
  });
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  line.setWebhookUrl(`${origin}/webhook`);
  line.setLiffUrl(`${origin}/liff/member/`);
  return { browser, line, engine, app, origin, phoneUrl: `${line.urls.api}/_stand-in/phone/` };
}
