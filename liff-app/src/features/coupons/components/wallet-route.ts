import { useSyncExternalStore } from 'react';

const subscribe = (onChange: () => void) => {
  addEventListener('popstate', onChange);
  return () => removeEventListener('popstate', onChange);
};
const read = (name: string) => () => new URLSearchParams(location.search).get(name);

/**
 * `?coupon=` or `?claim=` in the member app's URL as an id, or null: the wallet's detail and the claim link
 * (`?page=coupons&claim={templateId}`) are addresses, so a reload or a Flex button opens the same view.
 */
export function useIdInUrl(name: 'coupon' | 'claim'): number | null {
  const raw = useSyncExternalStore(subscribe, read(name), () => null);
  const id = Number(raw);
  return raw && Number.isInteger(id) && id > 0 ? id : null;
}

/** `?page=`, which the member app's router reads too: the wallet's chunk also shows the rewards catalogue. */
export const usePageInUrl = () => useSyncExternalStore(subscribe, read('page'), () => null);

/**
 * Opens a view by its address, as the member app's router does (`?page=`), leaving no other view's id behind:
 * the wallet, one coupon, the rewards catalogue or the card.
 */
export function openView(page: 'coupons' | 'rewards' | 'card', coupon?: number) {
  const url = new URL(location.href);
  url.search = new URLSearchParams({ page, ...(coupon && { coupon: String(coupon) }) }).toString();
  history.pushState(null, '', url);
  dispatchEvent(new PopStateEvent('popstate'));
}

/** A link's address for `openView`, so it can be opened in place and still reads as a link. */
export const viewHref = (page: 'coupons' | 'rewards', coupon?: number) =>
  `?${new URLSearchParams({ page, ...(coupon && { coupon: String(coupon) }) })}`;

/**
 * The member app's router keeps the rest of the query when a tab is tapped, so `&coupon=` or `&claim=` would
 * outlive the wallet and the 優惠券 tab would reopen that coupon or claim: forget them once the page is another.
 * History keeps them, so Back still returns to the coupon.
 */
export function forgetViewWhenLeft() {
  const url = new URL(location.href);
  if (['coupons', 'rewards'].includes(url.searchParams.get('page') ?? '')) return;
  url.searchParams.delete('coupon');
  url.searchParams.delete('claim');
  history.replaceState(history.state, '', url);
}
