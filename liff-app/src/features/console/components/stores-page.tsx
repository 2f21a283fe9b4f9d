import { type FormEvent, useState } from 'react';
import type { SessionResponse, StoreView } from '../../../../../bot/schemas/staff-api.ts';
import { Done, Problem } from '../../../components/form-parts.tsx';
import { StaffField } from '../../../components/staff-field.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { useStaffForm } from '../../../components/use-staff-form.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { staffI18n } from '../../../lib/staff-i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import { saveStore, setStoreActive, useStores } from '../api/stores.ts';
import { ConsoleForm, OtherFields } from './console-form.tsx';
import { EditorActions, Listing, PageHead, useEditing } from './listing.tsx';

export const storesMessages = staffI18n('staffStores', {
  heading: '門市',
  add: '新增門市',
  code: '門市代碼',
  codeHint: '例如 TPE01（英文大寫與數字）',
  name: '門市名稱',
  address: '地址（選填）',
  status: '狀態',
  active: '營業中',
  inactive: '已停用',
  edit: '編輯',
  save: '儲存',
  create: '建立門市',
  cancel: '取消',
  deactivate: '停用',
  reactivate: '重新啟用',
  confirmDeactivate: '停用後，員工無法在這家門市登入，會員也無法再選它為常用門市。',
  confirm: '確定停用',
  created: '已建立門市',
  saved: '已儲存',
  empty: '還沒有門市',
  loading: '載入中…',
});

/** Stores: everyone sees the list; those who may manage stores add, edit and (de)activate them. */
export function StoresPage({ session }: { session: SessionResponse }) {
  const t = useStore(storesMessages);
  const errors = useStore(errorMessages);
  const stores = useStores();
  const { editing, notice, setNotice, open, cancel, done } = useEditing<StoreView>(stores.reload);
  const [failure, setFailure] = useState<string | null>(null);
  const managesStores = session.actions.includes('store.manage');

  const [confirming, setConfirming] = useState<number | null>(null);

  async function setActive(store: StoreView, active: boolean) {
    setConfirming(null);
    setFailure(null);
    try {
      await setStoreActive(store, active);
      setNotice(t.saved);
      stores.reload();
    } catch (error) {
      setFailure(refusalText(errors, error));
    }
  }

  return (
    <section aria-labelledby="stores-heading">
      <PageHead
        id="stores-heading"
        heading={t.heading}
        add={managesStores && !editing && { label: t.add, onClick: () => open(null) }}
      />
      <Done>{notice}</Done>
      <Problem>{failure}</Problem>
      {editing && <StoreForm store={editing.row} onDone={done} onCancel={cancel} />}
      <Listing
        rows={stores.data}
        error={stores.error}
        loading={t.loading}
        empty={t.empty}
        columns={[t.code, t.name, t.address, t.status]}
        actions={managesStores ? t.edit : undefined}
      >
        {(store) => (
          <tr key={store.id} className={store.active ? '' : 'inactive'}>
            <td data-label={t.code}>{store.code}</td>
            <td data-label={t.name}>{store.name}</td>
            <td data-label={t.address}>{store.address ?? '—'}</td>
            <td data-label={t.status}>
              <span className={`tag ${store.active ? 'on' : 'off'}`}>
                {store.active ? t.active : t.inactive}
              </span>
            </td>
            {managesStores && (
              <td className="actions">
                <button type="button" className="link" onClick={() => open(store)}>
                  {t.edit}
                  <span className="visually-hidden"> {store.name}</span>
                </button>
                {confirming === store.id ? (
                  <span className="confirm" role="alert">
                    {t.confirmDeactivate}
                    <button
                      type="button"
                      className="link danger"
                      onClick={() => void setActive(store, false)}
                    >
                      {t.confirm}
                    </button>
                    <button type="button" className="link" onClick={() => setConfirming(null)}>
                      {t.cancel}
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    className="link"
                    onClick={() => (store.active ? setConfirming(store.id) : void setActive(store, true))}
                  >
                    {store.active ? t.deactivate : t.reactivate}
                    <span className="visually-hidden"> {store.name}</span>
                  </button>
                )}
              </td>
            )}
          </tr>
        )}
      </Listing>
    </section>
  );
}

function StoreForm({
  store,
  onDone,
  onCancel,
}: {
  store: StoreView | null;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const t = useStore(storesMessages);
  const editor = useStaffForm();
  const { problems } = editor;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const body = { code: text('code').toUpperCase(), name: text('name'), address: text('address') || null };
    // The server answers every field at once: no check of its own first, which would hide the server's.
    const saved = await editor.send(() => saveStore(store, body));
    if (saved) onDone(store ? t.saved : t.created);
  }

  return (
    <ConsoleForm label={store ? t.edit : t.add} className="panel editor" onSubmit={submit} form={editor}>
      <div className="grid">
        <StaffField name="code" label={t.code} problem={problems.code} hint={t.codeHint}>
          {(props) => <input {...props} defaultValue={store?.code ?? ''} autoCapitalize="characters" />}
        </StaffField>
        <StaffField name="name" label={t.name} problem={problems.name}>
          {(props) => <input {...props} defaultValue={store?.name ?? ''} />}
        </StaffField>
        <StaffField name="address" label={t.address} problem={problems.address}>
          {(props) => <input {...props} defaultValue={store?.address ?? ''} />}
        </StaffField>
      </div>
      <OtherFields problems={problems} shown={['code', 'name', 'address']} />
      <EditorActions form={editor} submit={store ? t.save : t.create} cancel={t.cancel} onCancel={onCancel} />
    </ConsoleForm>
  );
}
