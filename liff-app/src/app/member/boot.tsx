import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi } from '../../lib/api.ts';
import { isOffline } from '../../lib/api-client.ts';
import { AppProviders } from '../../lib/services.tsx';
import { type Liff, type LiffSession, lineLiff, startLiff } from './liff.ts';
import { MemberApp } from './member-app.tsx';
import { openedOutsideLine, sessionExpired } from './session.ts';
import './styles.css';

/**
 * Start-up, in this order: the LIFF ID and demo flag from the server, liff.init (once, before anything reads
 * the URL: it restores the page LINE was asked to open), login when needed, then the app. Without network the
 * app still starts, so the member card can show from its offline copy. `liff`: LINE's side, for the page tests;
 * `restart`: what 重試 does when start-up failed.
 */
export async function boot(container: HTMLElement, liff?: Liff, restart = () => location.reload()) {
  const root = createRoot(container);
  let session: LiffSession | null = null;
  let demo = false;
  const api = createApi({
    idToken: () => session?.idToken() ?? null,
    onTokenExpired: () => (session ? session.login() : sessionExpired.set(true)),
  });
  try {
    const config = await api.get<{ liffId: string; demo: boolean }>('/config');
    demo = config.demo;
    // `then(chunk => …)`: Vite wraps `(await import()).name` in a function the card's entry would carry.
    const sdk: Liff =
      liff ?? (demo ? await import('./liff-demo.ts').then((chunk) => chunk.demoLiff()) : lineLiff());
    session = await startLiff(config.liffId, sdk);
  } catch (error) {
    if (!isOffline(error)) console.error('LIFF start failed', error);
  }
  // Opened from a campaign's button: its click is recorded (campaign-click.ts, in the wallet's chunk, which a
  // coupon's claim opens anyway: the same import as the wallet's costs the card's entry almost nothing).
  if (location.search.includes('c='))
    void import('./coupons-route.tsx').then((chunk) => chunk.followClick(api));
  if (openedOutsideLine.get()) {
    const outside = await import('./outside-line.tsx').then((chunk) => <chunk.OutsideLine />);
    root.render(outside);
    return root;
  }
  root.render(
    <StrictMode>
      <AppProviders api={api} demo={demo}>
        <MemberApp restart={session ? undefined : restart} />
      </AppProviders>
    </StrictMode>,
  );
  return root;
}
