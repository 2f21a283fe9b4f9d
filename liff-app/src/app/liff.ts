import liff from '@line/liff/core';
import GetIDToken from '@line/liff/get-id-token';
import IsInClient from '@line/liff/is-in-client';
import IsLoggedIn from '@line/liff/is-logged-in';
import Login from '@line/liff/login';

/**
 * LIFF, pluggable: the core and only the four modules this app calls (docs/decisions/0010-member-app-bundle.md).
 * In the demo, @line/liff-mock stands in for LINE and carries the LINE stand-in's signed ID token, which the
 * demo's phone page passes in the fragment `#stand-in-id-token=<jwt>`.
 */
export interface LiffSession {
  idToken: () => string | null;
  /** LINE's language, or null where LINE cannot tell (the demo). */
  language: string | null;
  login: () => void;
}

const TOKEN_KEY = 'stand-in-id-token';

interface MockApi {
  $mock: { set: (update: (previous: Record<string, unknown>) => Record<string, unknown>) => void };
}

function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = (token.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/');
  try {
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0))));
  } catch {
    return {};
  }
}

/** The stand-in's token from the fragment (then hidden from the address bar), or the one kept for this tab. */
export function takeStandInToken(): string | null {
  const fragment = new URLSearchParams(location.hash.slice(1)).get(TOKEN_KEY);
  if (fragment) {
    sessionStorage.setItem(TOKEN_KEY, fragment);
    history.replaceState(history.state, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export async function startLiff({ liffId, demo }: { liffId: string; demo: boolean }): Promise<LiffSession> {
  liff.use(new IsInClient());
  if (demo) {
    const { LiffMockPlugin } = await import('@line/liff-mock');
    // liff-mock types itself against the full SDK; the pluggable core takes the same plugin shape.
    liff.use(new LiffMockPlugin() as unknown as Parameters<typeof liff.use>[0]);
    await liff.init({ liffId, mock: true } as Parameters<typeof liff.init>[0]);
    const token = takeStandInToken();
    (liff as unknown as MockApi).$mock.set((previous) => ({
      ...previous,
      isLoggedIn: token !== null,
      getIDToken: token,
      getDecodedIDToken: token ? decodeJwtPayload(token) : null,
    }));
    return { idToken: () => token, language: null, login: () => {} };
  }
  liff.use(new GetIDToken());
  liff.use(new IsLoggedIn());
  liff.use(new Login());
  await liff.init({ liffId });
  if (!liff.isLoggedIn()) liff.login({ redirectUri: location.href });
  return {
    idToken: () => liff.getIDToken(),
    // The server's /me answers LINE's language from the profile: no LIFF module needed for it.
    language: null,
    login: () => liff.login({ redirectUri: location.href }),
  };
}
