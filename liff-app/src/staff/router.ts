import { useSyncExternalStore } from 'react';

/** The console's page is `?page=` under /liff/staff/, so a reload or a shared link opens the same page. */
export const consolePages = ['stores', 'staff', 'points', 'audit'] as const;
export type ConsolePage = (typeof consolePages)[number];

export function currentConsolePage(): ConsolePage {
  const page = new URLSearchParams(location.search).get('page');
  return (consolePages as readonly string[]).includes(page ?? '') ? (page as ConsolePage) : 'stores';
}

export function goTo(page: ConsolePage) {
  const url = new URL(location.href);
  url.searchParams.set('page', page);
  history.pushState(null, '', url);
  dispatchEvent(new PopStateEvent('popstate'));
}

const subscribe = (onChange: () => void) => {
  addEventListener('popstate', onChange);
  return () => removeEventListener('popstate', onChange);
};

export const useConsolePage = () =>
  useSyncExternalStore(subscribe, currentConsolePage, () => 'stores' as const);
