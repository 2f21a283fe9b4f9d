import type { Liff } from '../app/member/liff.ts';

/**
 * LINE's side of LIFF for the page tests, which cannot reach LINE: it does what the LIFF SDK does that the
 * start-up depends on. liff.init restores the page LINE was asked to open from `?liff.state=` into the URL
 * (the SDK replaces the location), the login state and the ID token are LINE's (real tokens signed by the
 * LINE stand-in), and login() records where LINE Login was asked to come back to instead of leaving the page.
 */
export function lineForTests({
  idToken = null,
  loggedIn = idToken !== null,
  initError,
}: {
  idToken?: string | null;
  loggedIn?: boolean;
  initError?: Error;
} = {}) {
  const logins: string[] = [];
  const liff: Liff = {
    async init() {
      if (initError) throw initError;
      const state = new URLSearchParams(location.search).get('liff.state');
      if (state) history.replaceState(null, '', `${location.pathname}${state}`);
    },
    isLoggedIn: () => loggedIn,
    getIDToken: () => idToken,
    login: ({ redirectUri }) => {
      logins.push(redirectUri);
    },
  };
  return { liff, logins };
}
