import { useSyncExternalStore } from 'react';

const subscribe = (onChange: () => void) => {
  addEventListener('popstate', onChange);
  return () => removeEventListener('popstate', onChange);
};

/**
 * Every page's router: the page is `?page=` in the URL, so a reload or a shared link opens the same page (and
 * LIFF carries the query through liff.state to the member app's endpoint). `fallback`: the page when the URL
 * names none of `pages`.
 */
export function pageRouter<Page extends string, Fallback extends Page | null>(
  pages: readonly Page[],
  fallback: Fallback,
) {
  const current = (): Page | Fallback => {
    const page = new URLSearchParams(location.search).get('page');
    return (pages as readonly string[]).includes(page ?? '') ? (page as Page) : fallback;
  };
  const navigate = (page: Page) => {
    const url = new URL(location.href);
    url.searchParams.set('page', page);
    history.pushState(null, '', url);
    dispatchEvent(new PopStateEvent('popstate'));
  };
  const usePage = () => useSyncExternalStore(subscribe, current, () => fallback);
  return { current, navigate, usePage };
}
