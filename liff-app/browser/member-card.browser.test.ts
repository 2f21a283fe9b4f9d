import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect, it, onTestFinished } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
// biome-ignore-start lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { CARD_PERIOD_SECONDS, cardPeriod, memberByCardCode } from '../../bot/domain/member-card.ts';
import { startProduct } from '../../bot/testing/harness.ts';
import { addStore } from '../../bot/testing/members.ts';
// biome-ignore-end lint/style/noRestrictedImports: test support that drives the real server, never bundled
import { chromiumOrSkip, keepScreenshot as keep, launchChromium, phone, problemsOf } from './chromium.ts';
import { pagesAndBrowser } from './pages.ts';

/**
 * The whole way a shopper gets a member card, in a real browser: Debian's Chromium, the real server serving the
 * built pages, the LINE stand-in playing LINE (the follow webhook, the signed LIFF ID token). Where no Chromium
 * is installed the test is skipped, unless REQUIRE_BROWSER_TESTS=1 (CI) makes that a failure.
 */
const PERIOD_MS = CARD_PERIOD_SECONDS * 1000;

/** What a scanner reads from a screenshot of the element. */
async function scan(page: Page, testId: string, format: 'QRCode' | 'Code128') {
  const png = await page.getByTestId(testId).screenshot();
  keep(png, `${testId}.png`);
  const [read] = await readBarcodes(new Uint8Array(png), { formats: [format] });
  return read?.text;
}

it('a shopper follows, joins in the LIFF app and shows a card code the counter accepts for one minute', async (context) => {
  const chromiumPath = chromiumOrSkip(context);
  if (!chromiumPath) return;
  const { pages, browser } = await pagesAndBrowser(() => launchChromium(chromiumPath));
  const product = await startProduct({ app: { demo: true, liffPagesDir: pages.dir } });
  onTestFinished(() => product.close()); // fails the test if the product sent LINE an invalid request
  await addStore(product.engine, 'TPE01', '台北信義店');

  // The shopper adds the account as a friend: LINE's follow webhook reaches the server, which greets them.
  const shopper = product.line.shoppers.create({ displayName: '王小明', language: 'zh-TW' });
  expect((await product.line.shoppers.follow(shopper.userId)).status).toBe(200);
  await product.app.events.idle();
  expect(product.line.inspect.messagesTo(shopper.userId)).not.toEqual([]);

  // LINE opens the LIFF app with the shopper's ID token (the stand-in's phone page passes it in the fragment).
  const origin = product.app.listeningOrigin;
  const page = await (await browser.newContext(phone)).newPage();
  const problems = problemsOf(page);
  const shownAt = Date.now();
  await page.clock.setFixedTime(shownAt); // the card's code follows this time; timers still run
  const token = await product.line.shoppers.idToken(shopper.userId);
  await page.goto(`${origin}/liff/member/#stand-in-id-token=${token}`);

  // Not a member yet: the join form, filled in by hand.
  await page.getByLabel('手機號碼').click();
  await page.keyboard.type('0912345678');
  await page.getByLabel('姓名').click();
  await page.keyboard.type('王小明');
  await page.getByLabel(/^生日/).fill('1990-05-20');
  await page.getByLabel('常用門市').selectOption({ label: '台北信義店' });
  await page.getByRole('checkbox', { name: /我已閱讀並同意/ }).check();
  keep(await page.screenshot({ fullPage: true }), 'join-form.png');
  await page.getByRole('button', { name: '加入會員' }).click();

  // The member card, with the code as a QR code, a Code 128 barcode and text.
  const card = page.getByRole('region', { name: '會員卡' });
  await card.getByRole('heading', { name: '王小明' }).waitFor();
  await card.getByTestId('member-qr').waitFor();
  keep(await page.screenshot({ fullPage: true }), 'member-card.png');
  const shown = await card.getAttribute('data-code');
  expect(shown).toMatch(/^[0-9A-Z]{10}\d{8}$/);
  expect(await card.locator('.code-text').textContent()).toBe(shown);

  const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  await prepareZXingModule({ overrides: { wasmBinary: wasm.buffer as ArrayBuffer }, fireImmediately: true });
  const code = await scan(page, 'member-qr', 'QRCode');
  expect(code).toBe(shown);
  expect(await scan(page, 'member-barcode', 'Code128')).toBe(shown);

  // The counter accepts the scanned code for this member in its own period and the next, and then no more.
  const member = await product.engine.read((tx) => memberByCardCode(tx, code!, new Date(shownAt)));
  expect(member).toMatchObject({ lineUserId: shopper.userId, name: '王小明' });
  const windowEnd = (cardPeriod(new Date(shownAt)) + 2) * PERIOD_MS;
  expect((await product.engine.read((tx) => memberByCardCode(tx, code!, new Date(windowEnd - 1))))?.id).toBe(
    member!.id,
  );
  expect(await product.engine.read((tx) => memberByCardCode(tx, code!, new Date(windowEnd)))).toBeNull();
  expect(problems).toEqual([]);
}, 60_000);
