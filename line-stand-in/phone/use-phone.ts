import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api.ts';
import type { ChatEntry, LoadingState, PhoneConfig, Shopper, ShownRichMenu } from './line-types.ts';

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
 * Whether the loading animation shows: as the stand-in last told, ended on time between two polls (its end
 * is on the stand-in's clock, so it is counted from the answer's `now`). A message from the account ends it
 * early: the stand-in then answers null.
 */
function useLoading() {
  const [state, setState] = useStable<LoadingState>({ loading: null, now: 0 });
  const [over, setOver] = useState<number | null>(null);
  const endsAt = state.loading?.endsAt ?? null;
  useEffect(() => {
    if (endsAt === null) return;
    const timer = setTimeout(() => setOver(endsAt), endsAt - state.now);
    return () => clearTimeout(timer);
  }, [endsAt, state.now]);
  // Without an animation the clock does not matter: an unchanged answer draws nothing.
  const set = useCallback(
    (next: LoadingState) => setState(next.loading ? next : { loading: null, now: 0 }),
    [setState],
  );
  return [endsAt !== null && over !== endsAt, set] as const;
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
  const [loading, setLoading] = useLoading();
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setShoppers(await api.shoppers());
      if (userId) {
        const [entries, menu, animation] = await Promise.all([
          api.chat(userId),
          api.richMenuOf(userId),
          api.loading(userId),
        ]);
        setChat(entries);
        setShown(menu);
        setLoading(animation);
      }
      setError(null);
    } catch (problem) {
      setError((problem as Error).message);
    }
  }, [userId, setShoppers, setChat, setShown, setLoading]);

  useEffect(() => {
    api
      .config()
      .then(setConfig)
      .catch(() => setConfig({ liffUrl: null, loginChannelId: '' }));
  }, []);

  useEffect(() => {
    setChat([]);
    setShown(null);
    setLoading({ loading: null, now: 0 });
    void refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [refresh, setChat, setShown, setLoading]);

  return { config, shoppers, chat, shown, loading, error, refresh };
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
