import { common } from '../../components/messages.ts';
import { useStore } from '../../lib/use-store.ts';
import { navigate, type Page } from './router.ts';

const tabs = [
  ['card', '▣'],
  ['points', '◎'],
  ['tier', '★'],
  ['profile', '☺'],
] as const satisfies readonly (readonly [Page, string])[];

/** The bottom tabs of a LINE mini-app. */
export function TabBar({ current }: { current: Page }) {
  const t = useStore(common);
  return (
    <nav className="tab-bar" aria-label={t.title}>
      {tabs.map(([page, icon]) => (
        <button
          key={page}
          type="button"
          aria-current={page === current ? 'page' : undefined}
          onClick={() => navigate(page)}
        >
          <span aria-hidden="true">{icon}</span>
          {t[page]}
        </button>
      ))}
    </nav>
  );
}
