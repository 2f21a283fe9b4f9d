import type { CardResponse } from '../../../../../bot/schemas/liff-api.ts';
import { errorCode, isOffline } from '../../../lib/api-client.ts';
import { useServices } from '../../../lib/services.tsx';
import { CARD_CACHE_KEY } from '../../../lib/store-keys.ts';
import { useResource } from '../../../lib/use-resource.ts';

/** How long the card keeps showing codes without network: the secret is only as good as its last check. */
export const OFFLINE_CARD_MS = 24 * 60 * 60 * 1000;

interface SavedCard {
  card: CardResponse;
  savedAt: number;
}

/** The card as last fetched, if that was less than a day ago. */
export function cachedCard(now: number): SavedCard | null {
  try {
    const saved = JSON.parse(localStorage.getItem(CARD_CACHE_KEY) ?? 'null') as SavedCard | null;
    return saved && now - saved.savedAt < OFFLINE_CARD_MS ? saved : null;
  } catch {
    return null;
  }
}

/** GET /api/liff/card, kept for offline use; without network the kept copy stands in, marked offline. */
export function useCard() {
  const { api, clock } = useServices();
  const resource = useResource(async () => {
    try {
      const card = await api.get<CardResponse>('/card');
      localStorage.setItem(CARD_CACHE_KEY, JSON.stringify({ card, savedAt: clock.now() }));
      return { card, offline: false };
    } catch (error) {
      const saved = isOffline(error) ? cachedCard(clock.now()) : null;
      if (saved) return { card: saved.card, offline: true };
      if (errorCode(error) === 'NOT_A_MEMBER') localStorage.removeItem(CARD_CACHE_KEY);
      throw error;
    }
  }, 'card');
  return resource;
}
