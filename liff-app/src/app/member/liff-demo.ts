import liff from '@line/liff/core';
import IsInClient from '@line/liff/is-in-client';
// liff-mock's own self-contained build, run as a classic script: as a CommonJS module it would need the
// bundler's CommonJS helpers in a chunk of their own, which the card would then load too (ADR 10).
import mockScript from '@line/liff-mock/dist/umd/liff-mock.js?url';
import type { Liff } from './liff.ts';
import { openedOutsideLine, sessionExpired } from './session.ts';

const TOKEN_KEY = 'stand-in-id-token';

type Plugin = Parameters<typeof liff.use>[0];
interface MockedLiff {
  init(config: { liffId: string; mock: true }): Promise<void>;
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

const loadScript = (src: string) =>
  new Promise<void>((resolve, reject) => {
    const script = Object.assign(document.createElement('script'), { src, onload: resolve, onerror: reject });
    document.head.append(script);
  });

/**
 * The demo's LIFF: @line/liff-mock stands in for LINE and carries the LINE stand-in's signed ID token, which
 * the demo's phone page passes in the fragment `#stand-in-id-token=<jwt>`. There is no LINE Login to go to:
 * logging in again means reopening the mini-app from the phone.
 */
export async function demoLiff(): Promise<Liff> {
  await loadScript(mockScript);
  const LiffMockPlugin = (window as unknown as { liffMock: new () => Plugin }).liffMock;
  liff.use(new IsInClient());
  liff.use(new LiffMockPlugin());
  const mocked = liff as unknown as MockedLiff;
  const token = takeStandInToken();
  return {
    async init({ liffId }) {
      await mocked.init({ liffId, mock: true });
      mocked.$mock.set((previous) => ({
        ...previous,
        isLoggedIn: token !== null,
        getIDToken: token,
        getDecodedIDToken: token ? decodeJwtPayload(token) : null,
      }));
    },
    isLoggedIn: () => token !== null,
    getIDToken: () => token,
    login: () => (token === null ? openedOutsideLine : sessionExpired).set(true),
  };
}
