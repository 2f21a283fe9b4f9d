import { type FormEvent, useState } from 'react';
import type { SessionResponse, StaffApiErrorBody, StoreChoice } from '../../../bot/schemas/staff-api.ts';
import { refusalOf, refusalText } from '../lib/refusals.ts';
import { type StaffApi, staffApi, staffSession } from '../lib/staff-api.ts';
import { staffI18n } from '../lib/staff-i18n.ts';
import { useStore } from '../lib/use-store.ts';
import { Actions } from './form-parts.tsx';
import { StaffField } from './staff-field.tsx';
import { errorMessages } from './staff-messages.ts';

export const signInMessages = staffI18n('staffSignIn', {
  heading: '員工登入',
  username: '帳號',
  password: '密碼',
  store: '今天工作的門市',
  chooseStore: '請選擇門市',
  submit: '登入',
  sending: '登入中…',
  required: '請輸入帳號與密碼。',
});

export interface SignInFormProps {
  /** Called with the new session; by default the session is also put in `staffSession`. */
  onSignedIn?: (session: SessionResponse) => void;
  /** A heading other than 員工登入 (the clerk page: 店員登入). */
  heading?: string;
  api?: StaffApi;
}

/**
 * Username and password; a staff member with several stores then chooses where they work today. Locked
 * accounts are told until when (Taipei time), and a device that tried too often how long to wait.
 */
export function SignInForm({ onSignedIn, heading, api = staffApi }: SignInFormProps) {
  const t = useStore(signInMessages);
  const errors = useStore(errorMessages);
  const [stores, setStores] = useState<StoreChoice[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const storeId = form.get('storeId') ? Number(form.get('storeId')) : undefined;
    if (!username || !password) return setFailure(t.required);
    setFailure(null);
    setSending(true);
    try {
      const session = await api.signIn({ username, password, ...(storeId && { storeId }) });
      staffSession.set(session);
      onSignedIn?.(session);
    } catch (error) {
      const refusal = refusalOf<StaffApiErrorBody>(error);
      if (refusal?.code === 'STORE_REQUIRED' && refusal.stores) setStores(refusal.stores);
      setFailure(refusalText(errors, error));
    } finally {
      setSending(false);
    }
  }

  return (
    <form className="sign-in panel" onSubmit={submit} noValidate>
      <h1>{heading ?? t.heading}</h1>
      <StaffField name="username" label={t.username}>
        {(props) => <input {...props} autoComplete="username" autoCapitalize="none" spellCheck={false} />}
      </StaffField>
      <StaffField name="password" label={t.password}>
        {(props) => <input {...props} type="password" autoComplete="current-password" />}
      </StaffField>
      {stores && (
        <StaffField name="storeId" label={t.store}>
          {(props) => (
            <select {...props} defaultValue="">
              <option value="" disabled>
                {t.chooseStore}
              </option>
              {stores.map((store) => (
                <option key={store.id} value={store.id}>
                  {store.code} {store.name}
                </option>
              ))}
            </select>
          )}
        </StaffField>
      )}
      <Actions problem={failure} submit={t.submit} busy={sending} busyLabel={t.sending} />
    </form>
  );
}
