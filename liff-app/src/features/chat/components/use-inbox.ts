import { useCallback, useEffect, useState } from 'react';
import { listConversations } from '../api/conversations.ts';
import type { ConversationRow, InboxFilters } from '../api/types.ts';

/** The server's order: unread first, then the newest last message. */
export const inboxOrder = (a: ConversationRow, b: ConversationRow) =>
  Number(b.unread > 0) - Number(a.unread > 0) || (b.lastMessageAt ?? '').localeCompare(a.lastMessageAt ?? '');

/**
 * Whether a row that changed belongs in the list as filtered (a search is the server's to answer: a row it did
 * not list stays out until the next load, one it did is kept up to date).
 */
export function fitsFilters(row: ConversationRow, filters: InboxFilters, staffId: number, listed: boolean) {
  if (filters.status !== 'all' && row.status !== filters.status) return false;
  if (filters.unread && row.unread === 0) return false;
  if (filters.assignee === 'me' && row.assignee?.id !== staffId) return false;
  if (filters.assignee === 'none' && row.assignee !== null) return false;
  const storeId = row.store?.id ?? row.member?.homeStore?.id;
  if (filters.storeId && String(storeId) !== filters.storeId) return false;
  return listed || !filters.q.trim();
}

/** The inbox as filtered: loaded from the server, then kept current by the events this page hears. */
export function useInbox(filters: InboxFilters, staffId: number) {
  const [rows, setRows] = useState<ConversationRow[] | undefined>();
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  const key = JSON.stringify(filters);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the filters
  useEffect(() => {
    let current = true;
    setError(null);
    listConversations(filters).then(
      (page) => {
        if (!current) return;
        setRows(page.conversations);
        setNext(page.next);
      },
      (failure: unknown) => current && setError(failure),
    );
    return () => {
      current = false;
    };
  }, [key, round]);

  const loadMore = async () => {
    if (!next) return;
    try {
      const page = await listConversations(filters, next);
      setRows((before) => [
        ...(before ?? []),
        ...page.conversations.filter((row) => !before?.some((shown) => shown.id === row.id)),
      ]);
      setNext(page.next);
    } catch (failure) {
      setError(failure);
    }
  };

  /** A row as it is now (an event, an answer of this page): in its place, or out when it no longer fits. */
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the filters
  const update = useCallback(
    (row: ConversationRow) =>
      setRows((before) => {
        if (!before) return before;
        const listed = before.some((shown) => shown.id === row.id);
        const others = before.filter((shown) => shown.id !== row.id);
        return fitsFilters(row, filters, staffId, listed) ? [...others, row].sort(inboxOrder) : others;
      }),
    [key, staffId],
  );

  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { rows, next, error, loadMore, update, reload };
}
