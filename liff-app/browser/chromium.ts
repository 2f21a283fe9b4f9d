import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { TestContext } from 'vitest';

/** Where distributions install Chromium. Nothing is downloaded. */
const INSTALLED = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** CHROMIUM_PATH when set (and only it), else the first installed Chromium; null when there is none. */
export function findChromium(): string | null {
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : INSTALLED;
  return candidates.find((path) => existsSync(path)) ?? null;
}

export const NO_CHROMIUM = `No Chromium at ${process.env.CHROMIUM_PATH || INSTALLED.join(', ')} (install Debian's "chromium" package, or set CHROMIUM_PATH)`;

/**
 * The installed Chromium for a browser test, or null with the test skipped where there is none, unless
 * REQUIRE_BROWSER_TESTS=1 (CI) makes that a failure.
 */
export function chromiumOrSkip(context: TestContext): string | null {
  const path = findChromium();
  if (path) return path;
  if (process.env.REQUIRE_BROWSER_TESTS === '1') {
    throw new Error(`REQUIRE_BROWSER_TESTS=1, so the browser test may not be skipped. ${NO_CHROMIUM}.`);
  }
  console.warn(`Browser test skipped: ${NO_CHROMIUM}.`);
  context.skip(NO_CHROMIUM);
  return null;
}

/** Headless, quiet Chromium: no sandbox (containers, CI), no GPU, no background traffic; `args` besides. */
export function launchChromium(executablePath: string, args: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      ...args,
    ],
  });
}

/** BROWSER_TEST_SCREENSHOTS=<folder> keeps the tests' screenshots, to look at. */
export function keepScreenshot(png: Buffer, name: string) {
  const dir = process.env.BROWSER_TEST_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), png);
}

/** A phone-sized page as LINE's in-app browser shows the LIFF app (full size), in Taiwan. */
export const phone = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-TW',
  timezoneId: 'Asia/Taipei',
};

/**
 * Every error `page` throws or logs from now on, as text, for the test to expect none. `allowed`: the URLs whose
 * console errors are expected (by default the browser's own favicon request: LINE's in-app browser shows none).
 */
export function problemsOf(page: Page, allowed: RegExp | null = /\/favicon\.ico$/): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    const { url } = message.location();
    if (message.type() === 'error' && !allowed?.test(url)) problems.push(`${message.text()} ${url}`);
  });
  return problems;
}
