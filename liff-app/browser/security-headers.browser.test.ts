import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it, onTestFinished } from 'vitest';
// biome-ignore-start lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { buildApp } from '../../bot/app.ts';
import { appOptionsFor, TEST_LOGIN_CHANNEL_ID } from '../../bot/testing/harness.ts';
import { addStore } from '../../bot/testing/members.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { startLineStandIn } from '../../line-stand-in/index.ts';
// biome-ignore-end lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { chromiumOrSkip, keepScreenshot as keep, launchChromium, phone, problemsOf } from './chromium.ts';
import { buildPages } from './pages.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const VITE = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');

/** The stand-in's phone page, built as `npm start` builds it, into a folder of this test's own. */
async function buildPhonePage() {
  const dir = mkdtempSync(join(tmpdir(), 'phone-page-'));
  const { NODE_ENV: _testEnv, ...env } = process.env;
  const config = join('line-stand-in', 'phone', 'vite.config.ts');
  const args = [VITE, 'build', '--config', config, '--logLevel', 'warn', '--outDir', dir, '--emptyOutDir'];
  await promisify(execFile)(process.execPath, args, { cwd: ROOT, env });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Chromium reports every Content-Security-Policy violation, in any frame, as a console error. */
const reportViolations = () =>
  document.addEventListener('securitypolicyviolation', (event) =>
    console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`),
  );

it('the member app opens in the demo’s phone page, framed from the stand-in, within its security policy', async (context) => {
  const chromiumPath = chromiumOrSkip(context);
  if (!chromiumPath) return;
  const building = Promise.all([buildPages(), buildPhonePage()]);
  const launching = launchChromium(chromiumPath);
  onTestFinished(async () => {
    await Promise.allSettled([
      building.then(([pages, phonePage]) => [pages.remove(), phonePage.remove()]),
      launching.then((b) => b.close()),
    ]);
  });
  const [[pages, phonePage], browser] = await Promise.all([building, launching]);

  // The demo as `npm start` wires it (bot/server.ts): the phone page, on the stand-in's origin, may frame the app.
  const secrets = {
    channelSecret: randomBytes(16).toString('hex'),
    channelAccessToken: randomBytes(24).toString('base64url'),
  };
  const line = await startLineStandIn({
    ...secrets,
    loginChannelId: TEST_LOGIN_CHANNEL_ID,
    phonePageDir: phonePage.dir,
  });
  const engine = await openTestEngine();
  const app = await buildApp({
    ...appOptionsFor(line, secrets, engine),
    demo: true,
    liffPagesDir: pages.dir,
    framedBy: [line.urls.api],
  });
  // The phone page keeps a connection to the stand-in open: the browser's pages go first.
  onTestFinished(async () => {
    await Promise.all(browser.contexts().map((opened) => opened.close()));
    await app.close();
    await line.close();
    await engine.close();
  });
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  line.setWebhookUrl(`${origin}/webhook`);
  line.setLiffUrl(`${origin}/liff/member/`);
  await addStore(engine, 'TPE01', '台北信義店');
  const shopper = line.shoppers.create({ displayName: '王小明', language: 'zh-TW' });
  await line.shoppers.follow(shopper.userId);
  await app.events.idle();

  const browsing = await browser.newContext(phone);
  await browsing.addInitScript(reportViolations);
  const page = await browsing.newPage();
  const problems = problemsOf(page);
  await page.goto(`${line.urls.api}/_stand-in/phone/`);
  await page.getByLabel('顧客', { exact: true }).selectOption({ label: '王小明(好友)' });
  await page.getByRole('button', { name: 'LIFF' }).click();

  // The member app, in the phone's LIFF frame: not a member yet, so the join form with the stores.
  const liff = page.frameLocator('iframe[title="LIFF"]');
  await liff.getByRole('option', { name: '台北信義店' }).waitFor({ state: 'attached' });
  await liff.getByLabel('手機號碼').waitFor();
  keep(await page.screenshot({ fullPage: true }), 'phone-liff-join.png');
  expect(problems).toEqual([]);

  // Any other page that frames the app is refused by the browser: the frame shows Chromium's error page.
  const elsewhere = await browsing.newPage();
  await elsewhere.route('http://elsewhere.test/', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<iframe src="${origin}/liff/member/"></iframe>` }),
  );
  await elsewhere.goto('http://elsewhere.test/'); // the page's load waits for its frame's
  const [, framed] = elsewhere.frames();
  expect(framed?.url()).toBe('chrome-error://chromewebdata/');
});
