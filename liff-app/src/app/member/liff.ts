import liff from '@line/liff/core';
import GetIDToken from '@line/liff/get-id-token';
import IsInClient from '@line/liff/is-in-client';
import IsLoggedIn from '@line/liff/is-logged-in';
import Login from '@line/liff/login';

/**
 * What start-up needs from LIFF. In LINE it is LINE's SDK; in the demo, @line/liff-mock with the LINE
 * stand-in's ID token (liff-demo.ts, loaded only there); in the page tests, LINE's side played by the test.
 */
export interface Liff {
  /** Restores the page LINE was asked to open (`liff.state`) into the URL: nothing may read it before. */
  init(config: { liffId: string }): Promise<void>;
  isLoggedIn(): boolean;
  getIDToken(): string | null;
  /** Leaves for LINE Login, which comes back to `redirectUri` logged in. */
  login(config: { redirectUri: string }): void;
}

export interface LiffSession {
  idToken: () => string | null;
  /** Logs in again, back to this very page: when not logged in, and when the ID token has expired. */
  login: () => void;
}

/** LINE's SDK, pluggable: the core and the four modules used (docs/decisions/0010-member-app-bundle.md). */
export function lineLiff(): Liff {
  liff.use(new IsInClient());
  liff.use(new GetIDToken());
  liff.use(new IsLoggedIn());
  liff.use(new Login());
  return liff;
}

export async function startLiff(liffId: string, sdk: Liff): Promise<LiffSession> {
  await sdk.init({ liffId });
  const session = {
    idToken: () => sdk.getIDToken(),
    login: () => sdk.login({ redirectUri: location.href }),
  };
  if (!sdk.isLoggedIn()) session.login();
  return session;
}
