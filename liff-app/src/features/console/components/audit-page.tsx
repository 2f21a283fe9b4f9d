import { type FormEvent, useState } from 'react';
import { formatDateTime } from '../../../lib/format.ts';
import { staffI18n } from '../../../lib/staff-i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import { useAuditLog } from '../api/audit-log.ts';
import { useStaffList } from '../api/staff.ts';
import { useStores } from '../api/stores.ts';
import { Listing } from './listing.tsx';

export const auditMessages = staffI18n('staffAudit', {
  heading: '操作紀錄',
  filters: '篩選',
  staff: '員工',
  store: '門市',
  action: '動作',
  any: '全部',
  apply: '套用',
  at: '時間（台北）',
  subject: '對象',
  ip: 'IP 位址',
  change: '變更內容',
  commandLine: '指令列',
  older: '較早的紀錄',
  newest: '回到最新',
  empty: '沒有符合的紀錄',
  loading: '載入中…',
});

const actionGroups = ['staff', 'store', 'purchase', 'points'];
const PAGE = 50;

/** The audit log: newest first, 50 a page, filtered by staff, store and kind of action. */
export function AuditPage() {
  const t = useStore(auditMessages);
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [pages, setPages] = useState<number[]>([]);
  const before = pages.at(-1);
  const query = new URLSearchParams({
    limit: String(PAGE),
    ...filters,
    ...(before && { before: String(before) }),
  });
  const log = useAuditLog(query);
  const staff = useStaffList();
  const stores = useStores();

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFilters(
      Object.fromEntries([...form].filter(([, value]) => value !== '').map(([k, v]) => [k, String(v)])),
    );
    setPages([]);
  }

  return (
    <section aria-labelledby="audit-heading">
      <h1 id="audit-heading">{t.heading}</h1>
      <form className="filters" onSubmit={apply} aria-label={t.filters}>
        <label>
          {t.staff}
          <select name="staffId" defaultValue="">
            <option value="">{t.any}</option>
            {staff.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.username}（{s.displayName}）
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.store}
          <select name="storeId" defaultValue="">
            <option value="">{t.any}</option>
            {stores.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.code} {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.action}
          <input name="action" list="audit-actions" placeholder="store.create" />
          <datalist id="audit-actions">
            {actionGroups.map((group) => (
              <option key={group} value={group} />
            ))}
          </datalist>
        </label>
        <button type="submit" className="button inline">
          {t.apply}
        </button>
      </form>
      <Listing
        rows={log.data?.entries}
        error={log.error}
        loading={t.loading}
        empty={t.empty}
        columns={[t.at, t.staff, t.action, t.subject, t.store, t.ip, t.change]}
        className="table audit"
      >
        {(entry) => (
          <tr key={entry.id}>
            <td data-label={t.at}>{formatDateTime(entry.at)}</td>
            <td data-label={t.staff}>{entry.staff?.username ?? t.commandLine}</td>
            <td data-label={t.action}>
              <code>{entry.action}</code>
            </td>
            <td data-label={t.subject}>
              {entry.subjectType}
              {entry.subjectId && ` #${entry.subjectId}`}
            </td>
            <td data-label={t.store}>{entry.store?.name ?? '—'}</td>
            <td data-label={t.ip}>{entry.ip ?? '—'}</td>
            <td data-label={t.change}>
              <Change before={entry.before} after={entry.after} />
            </td>
          </tr>
        )}
      </Listing>
      <div className="row">
        {pages.length > 0 && (
          <button type="button" className="button inline secondary" onClick={() => setPages([])}>
            {t.newest}
          </button>
        )}
        {log.data?.nextBefore && (
          <button
            type="button"
            className="button inline secondary"
            onClick={() => setPages([...pages, log.data!.nextBefore!])}
          >
            {t.older}
          </button>
        )}
      </div>
    </section>
  );
}

/** Before → after, field by field: only what changed when both are there. */
function Change({ before, after }: { before: unknown; after: unknown }) {
  const was = (before ?? {}) as Record<string, unknown>;
  const is = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(was), ...Object.keys(is)])].filter(
    (key) => before === null || JSON.stringify(was[key]) !== JSON.stringify(is[key]),
  );
  if (keys.length === 0) return <>—</>;
  const show = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));
  return (
    <ul className="change">
      {keys.map((key) => (
        <li key={key}>
          <strong>{key}</strong> {before !== null && `${show(was[key])} → `}
          {show(is[key])}
        </li>
      ))}
    </ul>
  );
}
