import { useCallback, useEffect, useRef, useState } from 'react';
import { getConversation, markRead } from '../api/conversations.ts';
import type { ChatMessageView, ConversationRow, ConversationView } from '../api/types.ts';

/** Messages the server answers at most at once (…/conversations/:id). */
const PAGE = 100;

const byTime = (a: ChatMessageView, b: ChatMessageView) => a.sentAt.localeCompare(b.sentAt) || a.id - b.id;

/** Messages by id, the later copy winning (an answer's status, a medium fetched), oldest first. */
export function mergeMessages(...lists: ChatMessageView[][]): ChatMessageView[] {
  const byId = new Map<number, ChatMessageView>();
  for (const list of lists) for (const message of list) byId.set(message.id, message);
  return [...byId.values()].sort(byTime);
}

/**
 * One conversation as staff see it: opened, it marks the shopper's messages read (when the session may answer),
 * then loads what the server says, read marks included. A shopper's new message while it is open and the page
 * is seen is marked read too. `onRow`: the list's row as it is after each load.
 */
export function useConversation(id: number, canReply: boolean, onRow: (row: ConversationRow) => void) {
  const [view, setView] = useState<ConversationView | undefined>();
  const [earlier, setEarlier] = useState<ChatMessageView[]>([]);
  const [hasEarlier, setHasEarlier] = useState<boolean | null>(null);
  const [error, setError] = useState<unknown>(null);
  const rowChanged = useRef(onRow);
  rowChanged.current = onRow;

  const load = useCallback(
    async (read: boolean) => {
      try {
        if (read && canReply) await markRead(id).catch(() => {});
        const loaded = await getConversation(id);
        setView(loaded);
        setError(null);
        rowChanged.current(loaded.conversation);
      } catch (failure) {
        setError(failure);
      }
    },
    [id, canReply],
  );

  useEffect(() => {
    setView(undefined);
    setEarlier([]);
    setHasEarlier(null);
    void load(true);
  }, [load]);

  // The reply token's end: the server says then whether an answer still goes free.
  const freshUntil = view?.reply.token === 'fresh' ? view.reply.freshUntil : null;
  useEffect(() => {
    const wait = freshUntil ? Date.parse(freshUntil) - Date.now() : -1;
    if (wait <= 0) return;
    const timer = setTimeout(() => void load(false), wait + 500);
    return () => clearTimeout(timer);
  }, [freshUntil, load]);

  /** A message the events or an answer brought: in place; a shopper's is read at once when the page is seen. */
  const arrived = useCallback(
    (message: ChatMessageView) => {
      setView((before) => before && { ...before, messages: mergeMessages(before.messages, [message]) });
      if (message.direction === 'in' && document.visibilityState === 'visible') void load(true);
    },
    [load],
  );

  const loadEarlier = async () => {
    const oldest = mergeMessages(earlier, view?.messages ?? [])[0];
    if (!oldest) return setHasEarlier(false);
    try {
      const page = await getConversation(id, oldest.id);
      setEarlier((before) => mergeMessages(page.messages, before));
      setHasEarlier(page.messages.length >= PAGE);
    } catch (failure) {
      setError(failure);
    }
  };

  const messages = view ? mergeMessages(earlier, view.messages) : [];
  // The server answers at most PAGE messages at a time: a full page may have older ones before it.
  const more = hasEarlier ?? (view?.messages.length ?? 0) >= PAGE;
  return { view, messages, error, hasEarlier: more, loadEarlier, arrived, reload: () => load(false) };
}
