import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { ConsoleApp } from '../app/console/console-app.tsx';
import { CounterApp } from '../app/counter/counter-app.tsx';
import { MemberApp } from '../app/member/member-app.tsx';
import { sessionExpired } from '../app/member/session.ts';
import type { ScanInLine } from '../features/counter/scanner/line-scanner.ts';
import { createApi } from '../lib/api.ts';
import type { Clock } from '../lib/clock.ts';
import { type Locale, locale } from '../lib/i18n.ts';
import { AppProviders } from '../lib/services.tsx';
import { staffSession } from '../lib/staff-api.ts';
import { productProcess } from './product.ts';

export { navigate } from '../app/member/router.ts';

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

/**
 * Serve a page from `origin` (the product under test), so its API requests reach it same-origin: the member app
 * unless `entry` names the counter (`clerk`) or the console (`staff`), at their real URLs.
 */
export function openPage(origin: string, query = '', entry: 'member' | 'clerk' | 'staff' = 'member') {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
    `${origin}/liff/${entry}/${query}`,
  );
}

/** Signs in on the staff sign-in form showing, with the password every test staff member has. */
export async function signInAs(username: string) {
  fireEvent.change(await screen.findByLabelText('帳號'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('密碼'), { target: { value: 'correct horse battery' } });
  fireEvent.click(screen.getByRole('button', { name: '登入' }));
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
  /**
   * The staff pages' origin: `localhost`, not 127.0.0.1: like browsers, happy-dom sends a Secure cookie over plain
   * http only to localhost, and the test server speaks plain http.
   */
  const staffOrigin = () => current.origin.replace('127.0.0.1', 'localhost');
  const openStaffPage = (entry: 'clerk' | 'staff', query: string, ui: ReactNode) => {
    openPage(staffOrigin(), query, entry);
    locale.set('zh-TW');
    staffSession.set(undefined);
    return render(ui);
  };
  return Object.assign(product, {
    current,
    staffOrigin,
    /** The console, in zh-TW, at its sign-in form. */
    openConsole: (query = '') => openStaffPage('staff', query, <ConsoleApp />),
    /**
     * The console signed in as `username`, once the heading `landing` shows: the stores page unless `query` names
     * another; `query: ''` opens the session's home (the dashboard for marketers and admins, else the stores).
     */
    async signInToConsole(username: string, { query = '?page=stores', landing = '門市' } = {}) {
      openStaffPage('staff', query, <ConsoleApp />);
      await signInAs(username);
      await screen.findByRole('heading', { name: landing });
    },
    /** The counter signed in as `username`, with LINE's scanner if given, once the heading `landing` shows. */
    async openCounter(username: string, lineScanner?: Promise<ScanInLine | null>, landing = '找會員') {
      openStaffPage('clerk', '', <CounterApp lineScanner={lineScanner} />);
      await signInAs(username);
      await screen.findByRole('heading', { name: landing });
    },
  });
}
