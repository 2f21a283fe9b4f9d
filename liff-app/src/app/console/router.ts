import { useSyncExternalStore } from 'react';
import { pageRouter } from '../../lib/router.ts';

/**
 * The console's pages under /liff/staff/, in the nav's order. With none named in the URL (or one the session may
 * not open), the first the session may open: the dashboard for marketers and admins, the stores for the others.
 */
export const consolePages = [
  'dashboard',
  'stores',
  'members',
  'chat',
  'chat-settings',
  'staff',
  'points',
  'coupons',
  'segments',
  'campaigns',
  'journeys',
  'marketing',
  'member-io',
  'audit',
] as const;
export type ConsolePage = (typeof consolePages)[number];

const router = pageRouter(consolePages, null);
export const useConsolePage = router.usePage;

const subscribe = (onChange: () => void) => {
  addEventListener('popstate', onChange);
  return () => removeEventListener('popstate', onChange);
};
const resultsInUrl = () => Number(new URLSearchParams(location.search).get('results')) || null;
const conversationInUrl = () => Number(new URLSearchParams(location.search).get('conversation')) || null;
const memberInUrl = () => Number(new URLSearchParams(location.search).get('member')) || null;
const campaignInUrl = () => Number(new URLSearchParams(location.search).get('campaign')) || null;

/** Opens a page of the nav: what the last page showed (a template's results) is left behind. */
export function goTo(page: ConsolePage) {
  const url = new URL(location.href);
  url.searchParams.delete('results');
  url.searchParams.delete('conversation');
  url.searchParams.delete('member');
  url.searchParams.delete('campaign');
  history.replaceState(null, '', url);
  router.navigate(page);
}

/** The coupon template whose results the coupons page shows (`?page=coupons&results=12`), or null for the list. */
export const useResultsOf = () => useSyncExternalStore(subscribe, resultsInUrl, () => null);

/** Shows a template's results, or the list again: in the URL, so a reload or a shared link opens the same. */
export function showResults(templateId: number | null) {
  const url = new URL(location.href);
  url.searchParams.set('page', 'coupons');
  if (templateId === null) url.searchParams.delete('results');
  else url.searchParams.set('results', String(templateId));
  history.pushState(null, '', url);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** The conversation the chat page shows (`?page=chat&conversation=12`), or null for the inbox alone. */
export const useConversationOf = () => useSyncExternalStore(subscribe, conversationInUrl, () => null);

/** Opens a conversation, or goes back to the inbox: in the URL, so a reload or a shared link opens the same. */
export function showConversation(id: number | null) {
  const url = new URL(location.href);
  url.searchParams.set('page', 'chat');
  if (id === null) url.searchParams.delete('conversation');
  else url.searchParams.set('conversation', String(id));
  history.pushState(null, '', url);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** The member whose page the members page shows (`?page=members&member=12`), or null for the search. */
export const useMemberOf = () => useSyncExternalStore(subscribe, memberInUrl, () => null);

/** Opens a member's page, or goes back to the search: in the URL, so a reload or a shared link opens the same. */
export function showMember(id: number | null) {
  const url = new URL(location.href);
  url.searchParams.set('page', 'members');
  if (id === null) url.searchParams.delete('member');
  else url.searchParams.set('member', String(id));
  history.pushState(null, '', url);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** The campaign the campaigns page shows (`?page=campaigns&campaign=12`), or null for the list. */
export const useCampaignOf = () => useSyncExternalStore(subscribe, campaignInUrl, () => null);

/** Opens a campaign's page, or goes back to the list: in the URL, so the dashboard can link to a campaign. */
export function showCampaign(id: number | null) {
  const url = new URL(location.href);
  url.searchParams.set('page', 'campaigns');
  if (id === null) url.searchParams.delete('campaign');
  else url.searchParams.set('campaign', String(id));
  history.pushState(null, '', url);
  dispatchEvent(new PopStateEvent('popstate'));
}
