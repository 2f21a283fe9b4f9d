import { lazy, Suspense, useEffect } from 'react';
import { common } from '../../components/messages.ts';
import { LoadError, Loading, Notice } from '../../components/status.tsx';
import { cachedCard } from '../../features/card/api/get-card.ts';
import { CardPage } from '../../features/card/components/card-page.tsx';
import { useMe } from '../../features/profile/api/get-me.ts';
import { isOffline } from '../../lib/api-client.ts';
import { locale } from '../../lib/i18n.ts';
import { useServices } from '../../lib/services.tsx';
import { useStore } from '../../lib/use-store.ts';
import { navigate, type Page, usePage } from './router.ts';
import { sessionExpired } from './session.ts';
import { TabBar } from './tab-bar.tsx';

// Only the card is in the entry chunk; every other page loads when first opened.
const JoinPage = lazy(() => import('../../features/join/components/join-page.tsx'));
const PointsPage = lazy(() => import('../../features/points/components/points-page.tsx'));
const TierPage = lazy(() => import('../../features/tier/components/tier-page.tsx'));
const ProfilePage = lazy(() => import('../../features/profile/components/profile-page.tsx'));

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
    if (isOffline(me.error) && cachedCard(clock.now())) return <Tabs page="card" />;
    return <LoadError error={me.error} retry={restart ?? me.reload} />;
  }
  if (!me.data) return <Loading />;
  if (!me.data.member) {
    return (
      <Suspense fallback={<Loading />}>
        <JoinPage
          onJoined={() => {
            me.reload();
            navigate('card');
          }}
        />
      </Suspense>
    );
  }
  return <Tabs page={page === 'join' || !page ? 'card' : page} onLeft={me.reload} />;
}

function Tabs({ page, onLeft = () => {} }: { page: Exclude<Page, 'join'>; onLeft?: () => void }) {
  return (
    <div className="app">
      <main className="page">
        <Suspense fallback={<Loading />}>
          {page === 'card' && <CardPage />}
          {page === 'points' && <PointsPage />}
          {page === 'tier' && <TierPage />}
          {page === 'profile' && <ProfilePage onLeft={onLeft} />}
        </Suspense>
      </main>
      <TabBar current={page} />
    </div>
  );
}
