import { cleanup, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { MemberApp } from '../app/member-app.tsx';
import { AppProviders } from '../app/providers.tsx';
import { sessionExpired } from '../app/session.ts';
import { createApi } from '../lib/api.ts';
import type { Clock } from '../lib/clock.ts';
import { type Locale, locale } from '../lib/i18n.ts';
import { productProcess } from './product.ts';

/** A clock the test sets by hand: the card's codes follow it, nothing sleeps. */
export function testClock(start: number) {
  let now = start;
  const listeners = new Set<() => void>();
  return {
    now: () => now,
    subscribe(onTick: () => void) {
      listeners.add(onTick);
      return () => listeners.delete(onTick);
    },
    set(ms: number) {
      now = ms;
      for (const listener of listeners) listener();
    },
  } satisfies Clock & { set(ms: number): void };
}

/** Serve the page from `origin` (the product under test), so its /api/liff requests reach it same-origin. */
export function openPage(origin: string, query = '') {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
    `${origin}/liff/member/${query}`,
  );
}

/**
 * Renders through the app's providers, as boot() does after liff.init: the API with this ID token, a clock,
 * the language LINE reports.
 */
export function renderWithProviders(
  ui: ReactNode,
  { token, clock, language = 'zh-TW' }: { token: string; clock?: Clock; language?: Locale },
) {
  sessionExpired.set(false);
  locale.set(language);
  let idToken = token;
  const api = createApi({ idToken: () => idToken, onTokenExpired: () => sessionExpired.set(true) });
  const result = render(
    <AppProviders api={api} {...(clock && { clock })}>
      {ui}
    </AppProviders>,
  );
  return { ...result, setToken: (next: string) => (idToken = next) };
}

export const renderApp = (options: Parameters<typeof renderWithProviders>[1], languageFromLine = true) =>
  renderWithProviders(<MemberApp languageFromLine={languageFromLine} />, options);

/** Per test: a fresh product, the page served from it, empty storage; the React tree unmounted after. */
export function withProduct() {
  const product = productProcess();
  const current = { origin: '' };
  beforeEach(async () => {
    current.origin = (await product.start()).origin;
    openPage(current.origin);
    localStorage.clear();
    sessionStorage.clear();
  });
  afterEach(cleanup);
  afterAll(() => product.stop());
  return Object.assign(product, { current });
}
