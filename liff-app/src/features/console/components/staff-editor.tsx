import { type FormEvent, useState } from 'react';
import type { StaffRoleName, StaffView, StoreView } from '../../../../../bot/schemas/staff-api.ts';
import { problemText } from '../../../components/field.tsx';
import { StaffField } from '../../../components/staff-field.tsx';
import { fieldMessages, roleMessages } from '../../../components/staff-messages.ts';
import { useStaffForm } from '../../../components/use-staff-form.ts';
import { params } from '../../../lib/i18n.ts';
import { staffI18n } from '../../../lib/staff-i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import { saveStaff } from '../api/staff.ts';
import { ConsoleForm, OtherFields } from './console-form.tsx';
import { EditorActions } from './listing.tsx';

export const editorMessages = staffI18n('staffEditor', {
  add: '新增員工',
  edit: '編輯員工',
  editing: params('編輯員工：{username}'),
  username: '帳號（登入用）',
  displayName: '姓名',
  role: '角色',
  stores: '工作門市',
  storesHint: '店員與店長只能在這些門市操作；行銷與管理員可在所有門市操作。',
  password: '密碼（至少 10 個字元）',
  newPassword: '重設密碼（留空則不變更；變更後此員工需重新登入）',
  active: '啟用此帳號',
  unlock: '解除鎖定',
  create: '建立員工',
  save: '儲存',
  cancel: '取消',
});

/** The fields this editor shows; the server's answer about any other is listed above the buttons. */
const shown = ['username', 'displayName', 'role', 'password', 'storeIds', 'active'];

const allRoles: StaffRoleName[] = ['clerk', 'store_manager', 'marketer', 'admin'];
const storeScoped = (role: StaffRoleName) => role === 'clerk' || role === 'store_manager';

/** Creates a staff member, or changes one: name, role, stores, active, a new password, a lockout lifted. */
export function StaffEditor({
  person,
  stores,
  onDone,
  onCancel,
}: {
  person: StaffView | null;
  stores: StoreView[];
  onDone: (created: boolean) => void;
  onCancel: () => void;
}) {
  const t = useStore(editorMessages);
  const roles = useStore(roleMessages);
  const fields = useStore(fieldMessages);
  const [role, setRole] = useState<StaffRoleName>(person?.role ?? 'clerk');
  const editor = useStaffForm();
  const { problems, sending, send } = editor;
  const locked = !!person?.lockedUntil && new Date(person.lockedUntil) > new Date();

  async function save(body: Record<string, unknown>) {
    const saved = await send(() => saveStaff(person, body));
    if (saved) onDone(!person);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const storeIds = form.getAll('storeIds').map(Number);
    const password = String(form.get('password') ?? '');
    // No check of its own first: the server answers every field at once, and a form that stopped at its own
    // findings would show the server's only after those were fixed.
    const common = { displayName: text('displayName'), role, storeIds: storeScoped(role) ? storeIds : [] };
    void save(
      person
        ? { ...common, active: form.get('active') === 'on', ...(password && { password }) }
        : { ...common, username: text('username'), password },
    );
  }

  return (
    <ConsoleForm label={person ? t.edit : t.add} className="panel editor" onSubmit={submit} form={editor}>
      <h2>{person ? t.editing({ username: person.username }) : t.add}</h2>
      <div className="grid">
        {!person && (
          <StaffField name="username" label={t.username} problem={problems.username}>
            {(props) => <input {...props} autoCapitalize="none" spellCheck={false} autoComplete="off" />}
          </StaffField>
        )}
        <StaffField name="displayName" label={t.displayName} problem={problems.displayName}>
          {(props) => <input {...props} defaultValue={person?.displayName ?? ''} />}
        </StaffField>
        <StaffField name="role" label={t.role} problem={problems.role}>
          {(props) => (
            <select
              {...props}
              value={role}
              onChange={(event) => setRole(event.target.value as StaffRoleName)}
            >
              {allRoles.map((r) => (
                <option key={r} value={r}>
                  {roles[r]}
                </option>
              ))}
            </select>
          )}
        </StaffField>
        <StaffField name="password" label={person ? t.newPassword : t.password} problem={problems.password}>
          {(props) => <input {...props} type="password" autoComplete="new-password" />}
        </StaffField>
      </div>
      {storeScoped(role) && (
        <fieldset className="stores" aria-describedby="stores-hint">
          <legend>{t.stores}</legend>
          <p className="field-hint" id="stores-hint">
            {t.storesHint}
          </p>
          {stores
            .filter((store) => store.active || person?.storeIds.includes(store.id))
            .map((store) => (
              <label key={store.id} className="check">
                <input
                  type="checkbox"
                  name="storeIds"
                  value={store.id}
                  defaultChecked={person?.storeIds.includes(store.id) ?? stores.length === 1}
                />
                {store.code} {store.name}
              </label>
            ))}
          {problems.storeIds && (
            <p className="field-error" role="alert">
              {problemText(fields, problems.storeIds)}
            </p>
          )}
        </fieldset>
      )}
      {person && (
        <label className="check">
          <input type="checkbox" name="active" defaultChecked={person.active} />
          {t.active}
        </label>
      )}
      <OtherFields problems={problems} shown={shown} />
      <EditorActions form={editor} submit={person ? t.save : t.create} cancel={t.cancel} onCancel={onCancel}>
        {locked && (
          <button
            type="button"
            className="button inline secondary"
            disabled={sending}
            onClick={() => void save({ unlock: true })}
          >
            {t.unlock}
          </button>
        )}
      </EditorActions>
    </ConsoleForm>
  );
}
