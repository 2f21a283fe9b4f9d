import { common } from '../../components/messages.ts';
import { i18n } from '../../lib/i18n.ts';
import { useStore } from '../../lib/use-store.ts';
import { navigate, type Page, pages } from './router.ts';

/** The tabs are the first pages of the router, in its order; each has its icon at the same place here. */
const tabs = pages.slice(0, 5) as Exclude<Page, 'join' | 'rewards'>[];
const icons = '▣✂◎★☺';

/** The wallet's tab name (the other pages' names are the shared `common` texts). */
const tabNames = i18n('tabs', { coupons: '優惠券' });

/** The bottom tabs of a LINE mini-app. */
export function TabBar({ current }: { current: Page }) {
  const t = { ...useStore(common), ...useStore(tabNames) };
  return (
    <nav className="tab-bar" aria-label={t.title}>
      {tabs.map((page, i) => (
        <button
          key={page}
          type="button"
          aria-current={page === current ? 'page' : undefined}
          onClick={() => navigate(page)}
        >
          <span aria-hidden="true">{icons[i]}</span>
          {t[page]}
        </button>
      ))}
    </nav>
  );
}
