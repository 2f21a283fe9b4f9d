import type { CampaignClickAnswer } from '../../../../bot/schemas/campaign-results-api.ts';
import type { Api } from '../../lib/api.ts';

/**
 * The app was opened from a campaign's button (`?c=token`, bot/line/flex/campaign-messages.ts): the click is
 * recorded for the member the ID token names, then an announcement's link opens in its place; a coupon's claim
 * (`&claim=`) goes on in the wallet. Without a member session (outside LINE, the ID token refused, offline) an
 * announcement goes through the product's own /c/ redirect, which counts the click without the member. Loaded
 * only when the URL may carry a token: the card's entry holds just the test for it (boot.tsx, ADR 0010).
 */
export async function followClick(api: Api, go = (url: string) => location.replace(url)) {
  const query = new URLSearchParams(location.search);
  const token = query.get('c');
  if (!token) return;
  try {
    const { target } = await api.post<CampaignClickAnswer>('/campaign-clicks', { token });
    if (target) go(target);
  } catch {
    if (!query.has('claim')) go(`/c/${encodeURIComponent(token)}`);
  }
}
