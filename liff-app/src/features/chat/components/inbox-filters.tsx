import type { SessionResponse } from '../../../../../bot/schemas/staff-api.ts';
import { useStore } from '../../../lib/use-store.ts';
import type { InboxFilters } from '../api/types.ts';
import { inboxMessages } from './messages.ts';

export const noFilters: InboxFilters = { status: 'all', assignee: '', storeId: '', unread: false, q: '' };

/** The inbox's filters: status, whose, which store, unread only, and a search. */
export function InboxFilterBar({
  session,
  filters,
  onChange,
}: {
  session: SessionResponse;
  filters: InboxFilters;
  onChange: (filters: InboxFilters) => void;
}) {
  const t = useStore(inboxMessages);
  const set = (changes: Partial<InboxFilters>) => onChange({ ...filters, ...changes });
  return (
    <form
      className="filters chat-filters"
      aria-label={t.filters}
      onSubmit={(event) => event.preventDefault()}
    >
      <label>
        {t.search}
        <input
          type="search"
          value={filters.q}
          placeholder={t.searchHint}
          onChange={(event) => set({ q: event.target.value })}
        />
      </label>
      <label>
        {t.status}
        <select
          value={filters.status}
          onChange={(event) => set({ status: event.target.value as InboxFilters['status'] })}
        >
          <option value="all">{t.all}</option>
          <option value="open">{t.open}</option>
          <option value="waiting">{t.waiting}</option>
          <option value="done">{t.done}</option>
        </select>
      </label>
      <label>
        {t.assignee}
        <select
          value={filters.assignee}
          onChange={(event) => set({ assignee: event.target.value as InboxFilters['assignee'] })}
        >
          <option value="">{t.anyone}</option>
          <option value="me">{t.mine}</option>
          <option value="none">{t.unassigned}</option>
        </select>
      </label>
      {session.stores.length > 1 && (
        <label>
          {t.store}
          <select value={filters.storeId} onChange={(event) => set({ storeId: event.target.value })}>
            <option value="">{t.allStores}</option>
            {session.stores.map((store) => (
              <option key={store.id} value={store.id}>
                {store.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="check row">
        <input
          type="checkbox"
          checked={filters.unread}
          onChange={(event) => set({ unread: event.target.checked })}
        />
        {t.unreadOnly}
      </label>
    </form>
  );
}
