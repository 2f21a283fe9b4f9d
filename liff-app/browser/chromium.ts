import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Where distributions install Chromium. Nothing is downloaded. */
const INSTALLED = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** CHROMIUM_PATH when set (and only it), else the first installed Chromium; null when there is none. */
export function findChromium(): string | null {
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : INSTALLED;
  return candidates.find((path) => existsSync(path)) ?? null;
}

export const NO_CHROMIUM = `No Chromium at ${process.env.CHROMIUM_PATH || INSTALLED.join(', ')} (install Debian's "chromium" package, or set CHROMIUM_PATH)`;

/** Headless, quiet Chromium: no sandbox (containers, CI), no GPU, no background traffic. */
export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
    ],
  });
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
