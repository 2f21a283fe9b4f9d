import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it, onTestFinished } from 'vitest';
// biome-ignore-start lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { cardCode } from '../../bot/domain/member-card.ts';
import { joinMembership } from '../../bot/domain/members.ts';
import { earnPoints } from '../../bot/domain/points-earning.ts';
import { startProduct } from '../../bot/testing/harness.ts';
import { addStore, joinForm } from '../../bot/testing/members.ts';
import { addStaff, STAFF_PASSWORD } from '../../bot/testing/staff.ts';
// biome-ignore-end lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { chromiumOrSkip, keepScreenshot, launchChromium, phone, problemsOf } from './chromium.ts';
import { filmQrCode } from './fake-camera.ts';
import { buildPages } from './pages.ts';

/**
 * A clerk scans a member's card with the browser's camera, in a real browser: Chromium's fake camera films the
 * member's current QR code; the built clerk page, outside LINE and without BarcodeDetector (Debian's Chromium has
 * none), reads it with zxing-wasm from our own server, and the counter shows the member.
 */
it('a clerk scans a member card with the camera, read by zxing-wasm, and the counter shows the member', async (context) => {
  const chromiumPath = chromiumOrSkip(context);
  if (!chromiumPath) return;
  const building = buildPages();
  onTestFinished(() => building.then((pages) => pages.remove()));
  const product = await startProduct({ app: { demo: true, liffPagesDir: (await building).dir } });
  onTestFinished(() => product.close());
  const store = await addStore(product.engine, 'TPE01', '台北信義店');
  await addStaff(product.engine, 'amy', 'clerk', [store.id]);
  const shopper = product.line.shoppers.create({ displayName: '王小明', language: 'zh-TW' });
  const member = await joinMembership(
    product.engine,
    shopper.userId,
    joinForm(store.id, { name: '王小明' }),
    new Date(),
  );
  await earnPoints(product.engine, {
    ...{ memberId: member.id, points: 1280, amount: 128_000, storeId: store.id, channel: 'store' },
    ...{ reference: 'R-1', idempotencyKey: 'earlier-purchase', at: new Date() },
  });

  // The camera films the card as the member's phone shows it now.
  const dir = mkdtempSync(join(tmpdir(), 'fake-camera-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  filmQrCode(join(dir, 'card.y4m'), cardCode(member, new Date()));
  const browser = await launchChromium(chromiumPath, [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${join(dir, 'card.y4m')}`,
  ]);
  onTestFinished(() => browser.close());

  const origin = product.app.listeningOrigin;
  const page = await (await browser.newContext(phone)).newPage();
  // The browser's own favicon request, and the page asking for a staff session before the clerk signs in.
  const problems = problemsOf(page, /\/favicon\.ico$|\/api\/staff\/session$/);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${origin}/liff/clerk/`);
  expect(await page.evaluate(() => 'BarcodeDetector' in window)).toBe(false);

  await page.getByLabel('帳號').fill('amy');
  await page.getByLabel('密碼').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: '登入' }).click();
  await page.getByRole('heading', { name: '找會員' }).waitFor();
  expect(requests.some((url) => url.includes('zxing'))).toBe(false); // not until the clerk scans
  await page.getByRole('button', { name: '掃描會員卡' }).click();

  const counter = page.locator('.member-at-counter');
  await counter.waitFor();
  keepScreenshot(await page.screenshot({ fullPage: true }), 'clerk-scanned.png');
  expect(await counter.locator('.member-name').textContent()).toBe('王○明');
  expect(await counter.locator('.member-balance strong').textContent()).toBe('1,280 點');
  expect(await page.locator('video').count()).toBe(0); // the camera closed once the code was read

  // Everything came from our own server: the reader's WebAssembly too, and no LIFF outside LINE.
  expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
  expect(requests.some((url) => /\/liff\/assets\/zxing_reader-[\w-]+\.wasm$/.test(url))).toBe(true);
  expect(requests.filter((url) => /clerk-liff|config\.json/.test(url))).toEqual([]);
  // Beside the built page, its config: no clerk LIFF app here (CLERK_LIFF_ID unset).
  expect((await product.app.inject({ url: '/liff/clerk/config.json' })).json()).toEqual({ liffId: null });
  expect(problems).toEqual([]);
}, 60_000);
