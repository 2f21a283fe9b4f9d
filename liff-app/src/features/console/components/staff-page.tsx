import type { SessionResponse, StaffView } from '../../../../../bot/schemas/staff-api.ts';
import { Done } from '../../../components/form-parts.tsx';
import { roleMessages } from '../../../components/staff-messages.ts';
import { formatTime } from '../../../lib/format.ts';
import { staffI18n } from '../../../lib/staff-i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import { useStaffList } from '../api/staff.ts';
import { useStores } from '../api/stores.ts';
import { Listing, PageHead, useEditing } from './listing.tsx';
import { StaffEditor } from './staff-editor.tsx';

export const staffMessages = staffI18n('staffList', {
  heading: '員工',
  add: '新增員工',
  username: '帳號',
  displayName: '姓名',
  role: '角色',
  stores: '門市',
  allStores: '所有門市',
  status: '狀態',
  active: '啟用',
  inactive: '已停用',
  locked: '鎖定至',
  edit: '編輯',
  created: '已建立員工帳號',
  saved: '已儲存',
  loading: '載入中…',
});

/** Staff: the server lists whom this session may see; staff.manage adds and changes them. */
export function StaffPage({ session }: { session: SessionResponse }) {
  const t = useStore(staffMessages);
  const roles = useStore(roleMessages);
  const managesStaff = session.actions.includes('staff.manage');
  const people = useStaffList();
  const stores = useStores();
  const { editing, notice, open, cancel, done } = useEditing<StaffView>(people.reload);
  const storeName = (id: number) => stores.data?.find((s) => s.id === id)?.name ?? `#${id}`;

  return (
    <section aria-labelledby="staff-heading">
      <PageHead
        id="staff-heading"
        heading={t.heading}
        add={managesStaff && !editing && { label: t.add, onClick: () => open(null) }}
      />
      <Done>{notice}</Done>
      {editing && stores.data && (
        <StaffEditor
          person={editing.row}
          stores={stores.data}
          onDone={(created) => done(created ? t.created : t.saved)}
          onCancel={cancel}
        />
      )}
      <Listing
        rows={people.data}
        error={people.error}
        loading={t.loading}
        columns={[t.username, t.displayName, t.role, t.stores, t.status]}
        actions={managesStaff ? t.edit : undefined}
      >
        {(person) => {
          const locked = person.lockedUntil && new Date(person.lockedUntil) > new Date();
          return (
            <tr key={person.id} className={person.active ? '' : 'inactive'}>
              <td data-label={t.username}>{person.username}</td>
              <td data-label={t.displayName}>{person.displayName}</td>
              <td data-label={t.role}>{roles[person.role]}</td>
              <td data-label={t.stores}>
                {person.role === 'admin' || person.role === 'marketer'
                  ? t.allStores
                  : person.storeIds.map(storeName).join('、')}
              </td>
              <td data-label={t.status}>
                <span className={`tag ${person.active ? 'on' : 'off'}`}>
                  {person.active ? t.active : t.inactive}
                </span>
                {locked && (
                  <span className="tag warn">
                    {t.locked} {formatTime(person.lockedUntil!)}
                  </span>
                )}
              </td>
              {managesStaff && (
                <td className="actions">
                  <button type="button" className="link" onClick={() => open(person)}>
                    {t.edit}
                    <span className="visually-hidden"> {person.username}</span>
                  </button>
                </td>
              )}
            </tr>
          );
        }}
      </Listing>
    </section>
  );
}
