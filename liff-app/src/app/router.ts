import { useSyncExternalStore } from 'react';

/**
 * The page is `?page=` under /liff/member/: LIFF carries a query through liff.state to the endpoint URL, so
 * https://liff.line.me/{liffId}?page=points lands here. Read only after liff.init, which restores it.
 */
export const pages = ['card', 'points', 'tier', 'profile', 'join'] as const;
export type Page = (typeof pages)[number];

export function currentPage(): Page | null {
  const page = new URLSearchParams(location.search).get('page');
  return (pages as readonly string[]).includes(page ?? '') ? (page as Page) : null;
}

export function navigate(page: Page) {
  const url = new URL(location.href);
  url.searchParams.set('page', page);
  history.pushState(null, '', url);
  dispatchEvent(new PopStateEvent('popstate'));
}

const subscribe = (onChange: () => void) => {
  addEventListener('popstate', onChange);
  return () => removeEventListener('popstate', onChange);
};

export const usePage = () => useSyncExternalStore(subscribe, currentPage, () => null);
