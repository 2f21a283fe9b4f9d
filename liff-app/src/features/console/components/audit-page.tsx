import { type FormEvent, useState } from 'react';
import { formatDateTime } from '../../../lib/format.ts';
import { params } from '../../../lib/i18n.ts';
import { staffI18n } from '../../../lib/staff-i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import { useAuditLog } from '../api/audit-log.ts';
import { useStaffList } from '../api/staff.ts';
import { useStores } from '../api/stores.ts';
import { Change } from './audit-change.tsx';
import { actionWords, auditActionMessages, auditActions, auditValueMessages } from './audit-words.ts';
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
  person: params('{username}（{name}）'),
});

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
  const actions = useStore(auditActionMessages) as unknown as Record<string, string>;
  const values = useStore(auditValueMessages) as unknown as Record<string, string>;
  const names = {
    staff: (id: number) => staff.data?.find((s) => s.id === id)?.username ?? `#${id}`,
    store: (id: number) => stores.data?.find((s) => s.id === id)?.name ?? `#${id}`,
  };
  const subjectName = (type: string, id: number) =>
    type === 'staff' ? names.staff(id) : type === 'store' ? names.store(id) : `#${id}`;

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
                {t.person({ username: s.username, name: s.displayName })}
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
          <select name="action" defaultValue="">
            <option value="">{t.any}</option>
            {auditActions.map((action) => (
              <option key={action} value={action}>
                {actionWords(actions, action)}
              </option>
            ))}
          </select>
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
            <td data-label={t.action}>{actionWords(actions, entry.action)}</td>
            <td data-label={t.subject}>
              {values[`subject_${entry.subjectType}`] ?? entry.subjectType}
              {entry.subjectId && ` ${subjectName(entry.subjectType, Number(entry.subjectId))}`}
            </td>
            <td data-label={t.store}>{entry.store?.name ?? '—'}</td>
            <td data-label={t.ip}>{entry.ip ?? '—'}</td>
            <td data-label={t.change}>
              <Change before={entry.before} after={entry.after} names={names} />
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
