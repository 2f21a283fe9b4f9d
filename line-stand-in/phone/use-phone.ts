import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api.ts';
import type { ChatEntry, PhoneConfig, Shopper, ShownRichMenu } from './line-types.ts';

const POLL_MS = 1000;

/** Keeps a state value unless the new one differs, so polling does not redraw (or rescroll) for nothing. */
function useStable<T>(initial: T) {
  const [value, setValue] = useState(initial);
  const last = useRef(JSON.stringify(initial));
  const set = useCallback((next: T) => {
    const text = JSON.stringify(next);
    if (text === last.current) return;
    last.current = text;
    setValue(next);
  }, []);
  return [value, set] as const;
}

/**
 * What the phone shows, read from the stand-in: the channel's config, the shoppers, and the chosen shopper's
 * chat and rich menu, polled every second while the page is visible (so the product's replies appear).
 */
export function usePhoneData(userId: string | null) {
  const [config, setConfig] = useState<PhoneConfig | null>(null);
  const [shoppers, setShoppers] = useStable<Shopper[]>([]);
  const [chat, setChat] = useStable<ChatEntry[]>([]);
  const [shown, setShown] = useStable<ShownRichMenu | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setShoppers(await api.shoppers());
      if (userId) {
        const [entries, menu] = await Promise.all([api.chat(userId), api.richMenuOf(userId)]);
        setChat(entries);
        setShown(menu);
      }
      setError(null);
    } catch (problem) {
      setError((problem as Error).message);
    }
  }, [userId, setShoppers, setChat, setShown]);

  useEffect(() => {
    api
      .config()
      .then(setConfig)
      .catch(() => setConfig({ liffUrl: null, loginChannelId: '' }));
  }, []);

  useEffect(() => {
    setChat([]);
    setShown(null);
    void refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [refresh, setChat, setShown]);

  return { config, shoppers, chat, shown, error, refresh };
}

const STORE = 'stand-in-phone';

/** The chosen shopper (`?shopper=` in the address, else the last one this browser chose). */
export function useChosenShopper() {
  const [userId, setUserId] = useState<string | null>(
    () => new URLSearchParams(location.search).get('shopper') ?? localStorage.getItem(`${STORE}:shopper`),
  );
  const choose = useCallback((id: string) => {
    setUserId(id);
    localStorage.setItem(`${STORE}:shopper`, id);
    const url = new URL(location.href);
    url.searchParams.set('shopper', id);
    history.replaceState(null, '', url);
  }, []);
  return [userId, choose] as const;
}

/** Postback displayTexts this browser showed, by webhook event ID: they survive a reload. */
export function useDisplayTexts() {
  const key = `${STORE}:display-texts`;
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    JSON.parse(localStorage.getItem(key) ?? '{}'),
  );
  const remember = useCallback(
    (eventId: string, text: string) =>
      setTexts((old) => {
        const next = { ...old, [eventId]: text };
        localStorage.setItem(key, JSON.stringify(next));
        return next;
      }),
    [key],
  );
  return [texts, remember] as const;
}
