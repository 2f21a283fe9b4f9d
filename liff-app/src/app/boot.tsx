import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApi, OfflineError } from '../lib/api.ts';
import { locale, localeOf } from '../lib/i18n.ts';
import { type LiffSession, startLiff } from './liff.ts';
import { MemberApp } from './member-app.tsx';
import { AppProviders } from './providers.tsx';
import { sessionExpired } from './session.ts';
import './styles.css';

/**
 * Start-up, in this order: the LIFF ID and demo flag from the server, liff.init (once, before anything reads
 * the URL: it restores the page LINE was asked to open), login when needed, then the app. Without network the
 * app still starts, so the member card can show from its offline copy.
 */
export async function boot(container: HTMLElement) {
  const root = createRoot(container);
  let session: LiffSession | null = null;
  let demo = false;
  try {
    const response = await fetch('/api/liff/config').catch(() => {
      throw new OfflineError('No network');
    });
    const config = (await response.json()) as { liffId: string; demo: boolean };
    demo = config.demo;
    session = await startLiff(config);
  } catch (error) {
    if (!(error instanceof OfflineError)) console.error('LIFF start failed', error);
  }
  if (session?.language) locale.set(localeOf(session.language));
  const api = createApi({
    idToken: () => session?.idToken() ?? null,
    onTokenExpired: () => (demo || !session ? sessionExpired.set(true) : session.login()),
  });
  root.render(
    <StrictMode>
      <AppProviders api={api} demo={demo}>
        <MemberApp languageFromLine={session?.language != null} />
      </AppProviders>
    </StrictMode>,
  );
}
