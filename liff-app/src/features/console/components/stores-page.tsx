import { type FormEvent, useState } from 'react';
import type { SessionResponse, StoreView } from '../../../../../bot/schemas/staff-api.ts';
import { StaffField } from '../../../components/staff-field.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { fieldProblemsOf } from '../../../lib/api-client.ts';
import { staffI18n } from '../../../lib/i18n.ts';
import { refusalText } from '../../../lib/refusal-text.ts';
import { staffApi } from '../../../lib/staff-api.ts';
import { useResource } from '../../../lib/use-resource.ts';
import { useStore } from '../../../lib/use-store.ts';

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

type Editing = { store: StoreView | null } | null;

/** Stores: everyone sees the list; those who may manage stores add, edit and (de)activate them. */
export function StoresPage({ session }: { session: SessionResponse }) {
  const t = useStore(storesMessages);
  const errors = useStore(errorMessages);
  const stores = useResource(() => staffApi.get<StoreView[]>('/stores'), 'stores');
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const managesStores = session.actions.includes('store.manage');

  const [confirming, setConfirming] = useState<number | null>(null);

  async function setActive(store: StoreView, active: boolean) {
    setConfirming(null);
    setFailure(null);
    try {
      await staffApi.patch(`/stores/${store.id}`, { active });
      setNotice(t.saved);
      stores.reload();
    } catch (error) {
      setFailure(refusalText(errors, error));
    }
  }

  return (
    <section aria-labelledby="stores-heading">
      <div className="page-head">
        <h1 id="stores-heading">{t.heading}</h1>
        {managesStores && !editing && (
          <button type="button" className="button inline" onClick={() => setEditing({ store: null })}>
            {t.add}
          </button>
        )}
      </div>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      {editing && (
        <StoreForm
          store={editing.store}
          onDone={(message) => {
            setEditing(null);
            setNotice(message);
            stores.reload();
          }}
          onCancel={() => setEditing(null)}
        />
      )}
      {stores.error ? (
        <p className="form-error" role="alert">
          {refusalText(errors, stores.error)}
        </p>
      ) : !stores.data ? (
        <p className="status">{t.loading}</p>
      ) : stores.data.length === 0 ? (
        <p className="status">{t.empty}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>{t.code}</th>
              <th>{t.name}</th>
              <th>{t.address}</th>
              <th>{t.status}</th>
              {managesStores && <th aria-label={t.edit} />}
            </tr>
          </thead>
          <tbody>
            {stores.data.map((store) => (
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
                    <button type="button" className="link" onClick={() => setEditing({ store })}>
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
            ))}
          </tbody>
        </table>
      )}
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
  const errors = useStore(errorMessages);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const body = { code: text('code').toUpperCase(), name: text('name'), address: text('address') || null };
    const missing = Object.fromEntries(
      (['code', 'name'] as const).filter((name) => !body[name]).map((name) => [name, 'REQUIRED']),
    );
    setProblems(missing);
    setFailure(null);
    if (Object.keys(missing).length > 0) return;
    setSending(true);
    try {
      if (store) await staffApi.patch(`/stores/${store.id}`, body);
      else await staffApi.post('/stores', body);
      onDone(store ? t.saved : t.created);
    } catch (error) {
      const fields = fieldProblemsOf(error);
      if (fields) setProblems(fields);
      setFailure(refusalText(errors, error));
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="panel editor" onSubmit={submit} noValidate aria-label={store ? t.edit : t.add}>
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
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      <div className="row">
        <button type="submit" className="button inline" disabled={sending}>
          {store ? t.save : t.create}
        </button>
        <button type="button" className="button inline secondary" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
