// npm run bench:liff: what the member mini-app costs a phone before it shows the member card.
//
// Builds the LIFF pages as `npm run build` does, into a temporary folder (liff-app/browser/pages.ts), then:
// 1. Size: for each entry, the JavaScript that must load before the page shows, i.e. the entry chunk and every
//    chunk it imports statically (from Vite's manifest; lazy pages and the demo-only liff-mock are not counted),
//    each gzip-compressed at level 6 (gzip's and zlib's default; Vite's own report comes out ~1% larger). KB are
//    1,000 bytes, as Vite prints them. The member card's total is held against its 100 KB budget (ADR 0010).
// 2. Time: the real product (server, a fresh database of its own, LINE stand-in, demo mode) serves those pages; a shopper
//    follows the account and joins; headless Chromium with the CPU slowed 4x (DevTools' "4x slowdown", a
//    mid-range phone; the network is loopback, unthrottled) opens the card RUNS times (BENCH_RUNS, default 5)
//    after one unmeasured warm-up, each in a fresh browser context with an empty cache. The time is from the
//    navigation's start to the first frame after the QR code is in the page.
// Targets, printed and not enforced: the card's JavaScript <= 100 KB gzip.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { joinMembership } from '../../bot/domain/members.ts';
import { startProduct } from '../../bot/testing/harness.ts';
import { addStore, joinForm } from '../../bot/testing/members.ts';
import { findChromium, launchChromium, NO_CHROMIUM, phone } from '../../liff-app/browser/chromium.ts';
import { type BuiltPages, buildPages, type ManifestChunk } from '../../liff-app/browser/pages.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CPU_SLOWDOWN = 4;
/** Gzip bytes of JavaScript each entry may need before it shows (ADR 0010). */
const BUDGETS: Record<string, number> = { 'member/index.html': 100_000 };

const kb = (bytes: number) => `${(bytes / 1000).toFixed(2)} KB`.padStart(10);
const met = (yes: boolean) => (yes ? 'met' : 'NOT met');

const pages = await buildPages();
try {
  const withinBudgets = printSizes(pages);
  const chromiumPath = findChromium();
  if (!chromiumPath) throw new Error(`${NO_CHROMIUM}: no timing.`);
  const browser = await launchChromium(chromiumPath);
  try {
    await printTimes(pages, browser);
  } finally {
    await browser.close();
  }
  process.exitCode = withinBudgets ? 0 : 1;
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  pages.remove();
}

/** Each entry's JavaScript before it shows, chunk by chunk; whether every budget is met. */
function printSizes({ dir, manifest }: BuiltPages): boolean {
  const chunks = manifest();
  let ok = true;
  console.log('\nJavaScript before each page shows: the entry and its static imports (gzip level 6)');
  for (const [key, entry] of Object.entries(chunks).filter(([, chunk]) => chunk.isEntry)) {
    const files = staticClosure(chunks, key).map((chunk) => {
      const code = readFileSync(join(dir, chunk.file));
      return { file: chunk.file, raw: code.length, gzip: gzipSync(code).length };
    });
    console.log(`${entry.name ?? key} (${key})`);
    for (const { file, raw, gzip } of files) console.log(`  ${file.padEnd(40)}${kb(raw)}${kb(gzip)} gzip`);
    const total = files.reduce((sum, file) => sum + file.gzip, 0);
    const raw = files.reduce((sum, file) => sum + file.raw, 0);
    const budget = BUDGETS[key];
    const mark = budget === undefined ? '' : `   (budget ${kb(budget).trim()}: ${met(total <= budget)})`;
    console.log(`  ${'total'.padEnd(40)}${kb(raw)}${kb(total)} gzip${mark}`);
    if (budget !== undefined && total > budget) ok = false;
  }
  return ok;
}

/** The entry's chunk and every chunk it imports statically, directly or not, each once. */
function staticClosure(chunks: Record<string, ManifestChunk>, key: string, seen = new Set<string>()) {
  if (seen.has(key)) return [];
  seen.add(key);
  const chunk = chunks[key]!;
  const imported: ManifestChunk[] = (chunk.imports ?? []).flatMap((next) =>
    staticClosure(chunks, next, seen),
  );
  return [chunk, ...imported];
}

/** The member card opened by a member, in fresh contexts with the CPU slowed down. */
async function printTimes(pages: BuiltPages, browser: Browser) {
  const product = await startProduct({ app: { demo: true, liffPagesDir: pages.dir } });
  try {
    const store = await addStore(product.engine);
    const shopper = product.line.shoppers.create({ displayName: '王小明', language: 'zh-TW' });
    await product.line.shoppers.follow(shopper.userId);
    await product.app.events.idle();
    await joinMembership(product.engine, shopper.userId, joinForm(store.id), new Date());
    const token = await product.line.shoppers.idToken(shopper.userId);
    const url = `${product.app.listeningOrigin}/liff/member/#stand-in-id-token=${token}`;

    await timeToQr(browser, url); // warm-up: the server's first requests, Chromium's first start
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) times.push(await timeToQr(browser, url));
    const sorted = times.toSorted((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    console.log(`\nTime until the member card's QR code shows (${CPU_SLOWDOWN}x CPU slowdown, empty cache)`);
    console.log(`  runs: ${times.map((ms) => `${Math.round(ms)} ms`).join(', ')}`);
    console.log(`  median ${Math.round(median)} ms, worst ${Math.round(sorted.at(-1)!)} ms (${RUNS} runs)`);
  } finally {
    await product.close();
  }
}

/** One cold open of the card: milliseconds from the navigation's start to the first frame showing the QR code. */
async function timeToQr(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext(phone);
  try {
    const page = await context.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.addInitScript(() => {
      const shown = window as unknown as { qrShownAt?: number };
      new MutationObserver((_, observer) => {
        if (!document.querySelector('[data-testid="member-qr"]')) return;
        observer.disconnect();
        // The frame that paints it starts at the next animation frame; the task after it runs once it is drawn.
        requestAnimationFrame(() => setTimeout(() => (shown.qrShownAt = performance.now())));
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(url);
    const shownAt = await page.waitForFunction(
      () => (window as unknown as { qrShownAt?: number }).qrShownAt,
      undefined,
      { timeout: 30_000 },
    );
    return (await shownAt.jsonValue()) as number;
  } finally {
    await context.close();
  }
}
