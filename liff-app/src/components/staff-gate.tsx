import { type ReactNode, useEffect } from 'react';
import type { SessionResponse, StaffAction } from '../../../bot/schemas/staff-api.ts';
import { type StaffApi, staffApi, staffSession } from '../lib/staff-api.ts';
import { staffI18n } from '../lib/staff-i18n.ts';
import { useStore } from '../lib/use-store.ts';
import { SignInForm } from './sign-in-form.tsx';

export const gateMessages = staffI18n('staffGate', {
  loading: '載入中…',
  notAllowed: '您的角色無法使用這個頁面。',
  signOut: '登出',
});

/**
 * Shows `children` to a signed-in staff member (who may do `action`, when given: the session lists what it may
 * do), and the sign-in form to anyone else, also when a request finds the session gone. The clerk page wraps
 * itself in it the same way.
 */
export function StaffGate({
  action,
  heading,
  api = staffApi,
  children,
}: {
  action?: StaffAction;
  heading?: string;
  api?: StaffApi;
  children: (session: SessionResponse) => ReactNode;
}) {
  const t = useStore(gateMessages);
  const session = useStore(staffSession);
  useEffect(() => {
    if (session !== undefined) return;
    api.session().then(
      (found) => staffSession.set(found),
      () => staffSession.set(null),
    );
  }, [session, api]);

  if (session === undefined) {
    return (
      <p className="status" role="status" aria-busy="true">
        {t.loading}
      </p>
    );
  }
  if (session === null) {
    return (
      <main className="sign-in-page">
        <SignInForm api={api} {...(heading && { heading })} />
      </main>
    );
  }
  if (action && !session.actions.includes(action)) {
    return (
      <div className="status" role="alert">
        <p>{t.notAllowed}</p>
        <button type="button" className="button secondary" onClick={() => void signOutOf(api)}>
          {t.signOut}
        </button>
      </div>
    );
  }
  return children(session);
}

/** Signs out and shows the sign-in form. */
export async function signOutOf(api: StaffApi = staffApi) {
  await api.signOut();
  staffSession.set(null);
}
