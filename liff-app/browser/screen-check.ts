import type { Page } from 'playwright-core';
import { keepScreenshot } from './chromium.ts';

/** The widths every screen must fit: a small phone and a desktop. */
export const WIDTHS = [360, 1280] as const;

/**
 * What a shopper or a clerk should never see: an i18n key or an error code where words belong (`counter.title`,
 * `signInHeading`, `MEMBER_NOT_FOUND`), a parameter left unfilled (`{points}`), or a value the code forgot to
 * turn into words.
 */
function rawTextsOnScreen(): string[] {
  const raw = [
    /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/,
    /^[a-z][a-zA-Z]*(?:\.[a-z][a-zA-Z]*)+$/,
    /^[a-z]+[A-Z][a-zA-Z]*$/,
    /\{[a-zA-Z]+\}/,
    /\b(?:undefined|null|NaN)\b|\[object Object\]|Invalid Date/,
  ];
  const found: string[] = [];
  const check = (text: string | null) => {
    const trimmed = text?.trim();
    if (trimmed && raw.some((pattern) => pattern.test(trimmed))) found.push(trimmed);
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) check(node.textContent);
  for (const element of document.body.querySelectorAll('[aria-label],[placeholder],[title],[alt]')) {
    for (const name of ['aria-label', 'placeholder', 'title', 'alt']) check(element.getAttribute(name));
  }
  return found;
}

/**
 * Text in Chinese on an English screen, once the data (`names`: members', stores') is taken out; text marked as
 * Chinese on purpose (`lang="zh-TW"`: the language switch) is left alone.
 */
function chineseOnScreen(names: string[]): string[] {
  const found: string[] = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest('[lang^="zh"]')) continue;
    let text = node.textContent ?? '';
    for (const name of names) text = text.replaceAll(name, '');
    if (/\p{Script=Han}/u.test(text)) found.push((node.textContent ?? '').trim());
  }
  return found;
}

/**
 * The page scrolls sideways, or a visible element sticks out of the window (unless it sits in something that
 * scrolls or clips sideways on purpose, like a wide table in its own scroller).
 */
function overflowOnScreen(): string[] {
  const width = document.documentElement.clientWidth;
  const found: string[] = [];
  if (document.documentElement.scrollWidth > width) {
    found.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${width} px window`);
  }
  const clipped = (element: Element) => {
    for (
      let parent = element.parentElement;
      parent && parent !== document.body;
      parent = parent.parentElement
    ) {
      if (getComputedStyle(parent).overflowX !== 'visible') return true;
    }
    return false;
  };
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if ((box.right > width + 1 || box.left < -1) && !clipped(element)) {
      const name = `${element.tagName.toLowerCase()}.${[...element.classList].join('.')}`;
      found.push(`${name} spans ${Math.round(box.left)}..${Math.round(box.right)} px of ${width}`);
    }
  }
  return found.slice(0, 5);
}

/**
 * Looks at the screen `page` shows at each width: no sideways overflow, no raw keys, and with `english` (the
 * names in the data, which stay as they are) no Chinese besides them; keeps a screenshot of each
 * (BROWSER_TEST_SCREENSHOTS). Returns what is wrong, named by the screen, for the test to expect none.
 */
export async function checkScreen(page: Page, name: string, english: string[] | null): Promise<string[]> {
  const problems: string[] = [];
  const height = page.viewportSize()?.height ?? 800;
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height });
    // Layout settles on the next frame after a resize.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
    for (const overflow of await page.evaluate(overflowOnScreen))
      problems.push(`${name} @${width}: ${overflow}`);
    for (const raw of await page.evaluate(rawTextsOnScreen))
      problems.push(`${name} @${width}: raw text "${raw}"`);
    if (english) {
      for (const text of await page.evaluate(chineseOnScreen, english))
        problems.push(`${name} @${width}: "${text}"`);
    }
    if (process.env.BROWSER_TEST_SCREENSHOTS) {
      keepScreenshot(await page.screenshot({ fullPage: true }), `screen-${name}-${width}.png`);
    }
  }
  return problems;
}
