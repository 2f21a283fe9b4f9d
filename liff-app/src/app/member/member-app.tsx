import { type ComponentType, lazy, Suspense, useEffect } from 'react';
import { common } from '../../components/messages.ts';
import { LoadError, Loading, Notice } from '../../components/status.tsx';
import { cachedCard } from '../../features/card/api/get-card.ts';
import { CardPage } from '../../features/card/components/card-page.tsx';
import { useMe } from '../../features/profile/api/get-me.ts';
import { isOffline } from '../../lib/api-client.ts';
import { locale } from '../../lib/i18n.ts';
import { useServices } from '../../lib/services.tsx';
import { useStore } from '../../lib/use-store.ts';
import { type Page, usePage } from './router.ts';
import { sessionExpired } from './session.ts';
import { TabBar } from './tab-bar.tsx';

// Only the card is in the entry chunk; every other page loads when first opened.
const JoinPage = lazy(() => import('../../features/join/components/join-page.tsx'));
// The wallet and the rewards catalogue are one chunk.
const CouponsPage = lazy(() => import('./coupons-route.tsx'));
/** The tabs by page: one lookup, which the card's entry carries in fewer bytes than a test for each. */
const tabPages: Record<Exclude<Page, 'join'>, ComponentType<{ onLeft: () => void }>> = {
  card: CardPage,
  coupons: CouponsPage,
  points: lazy(() => import('../../features/points/components/points-page.tsx')),
  tier: lazy(() => import('../../features/tier/components/tier-page.tsx')),
  profile: lazy(() => import('../../features/profile/components/profile-page.tsx')),
  rewards: CouponsPage,
};

/**
 * The member mini-app: a friend who is not a member sees the join form; a member sees the tabs.
 * `languageFromLine`: LINE told the language at start-up; otherwise the server's record of it is used.
 * `restart`: what 重試 does when start-up itself failed (no LIFF session): start again, not just ask again.
 */
export function MemberApp({
  languageFromLine = false,
  restart,
}: {
  languageFromLine?: boolean;
  restart?: () => void;
}) {
  const t = useStore(common);
  const expired = useStore(sessionExpired);
  const me = useMe();
  const page = usePage();
  const { clock } = useServices();
  const language = me.data?.language;

  useEffect(() => {
    if (language && !languageFromLine) locale.set(language);
  }, [language, languageFromLine]);

  if (expired) return <Notice>{t.reopen}</Notice>;
  if (me.error) {
    // Without network the card still shows from its offline copy, for a while.
    if (isOffline(me.error) && cachedCard(clock.now())) return <Tabs page="card" onLeft={me.reload} />;
    return <LoadError error={me.error} retry={restart ?? me.reload} />;
  }
  if (!me.data) return <Loading />;
  if (!me.data.member) {
    return (
      <Suspense fallback={<Loading />}>
        {/* Then the page the link named opens: a claim link's claim, or the card for ?page=join. */}
        <JoinPage onJoined={me.reload} />
      </Suspense>
    );
  }
  return <Tabs page={page === 'join' ? 'card' : page} onLeft={me.reload} />;
}

function Tabs({ page, onLeft }: { page: Exclude<Page, 'join'>; onLeft: () => void }) {
  const TabPage = tabPages[page];
  return (
    <div className="app">
      <main className="page">
        <Suspense fallback={<Loading />}>
          <TabPage onLeft={onLeft} />
        </Suspense>
      </main>
      <TabBar current={page} />
    </div>
  );
}
