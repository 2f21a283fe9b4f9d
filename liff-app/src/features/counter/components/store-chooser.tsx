import { type FormEvent, useState } from 'react';
import type { SessionResponse } from '../../../../../bot/schemas/staff-api.ts';
import { Actions } from '../../../components/form-parts.tsx';
import { staffApi, staffSession } from '../../../lib/staff-api.ts';
import { useStore } from '../../../lib/use-store.ts';
import { chooseStore } from '../api/counter-store.ts';
import { CounterField } from './counter-field.tsx';
import { counterMessages } from './messages.ts';
import { problemOf } from './problem.ts';

/**
 * A session at no store (an admin, who signs in to none) chooses where this device checks out; with no open
 * store at all, the clerk page says where to add one instead of offering an empty choice.
 */
export function StoreChooser({ session }: { session: SessionResponse }) {
  const t = useStore(counterMessages);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (session.stores.length === 0) {
    return (
      <section className="panel" aria-label={t.chooseStoreHeading}>
        <h1>{t.chooseStoreHeading}</h1>
        <p role="alert">{t.noStores}</p>
        <a className="button" href="/liff/staff/">
          {t.toConsole}
        </a>
      </section>
    );
  }
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const storeId = Number(new FormData(event.currentTarget).get('storeId'));
    setBusy(true);
    setProblem(null);
    try {
      await chooseStore(storeId);
      staffSession.set(await staffApi.session());
    } catch (error) {
      setProblem(problemOf(error).message);
      setBusy(false);
    }
  };
  return (
    <form className="panel" aria-label={t.chooseStoreHeading} onSubmit={submit}>
      <h1>{t.chooseStoreHeading}</h1>
      <p className="field-hint">{t.chooseStoreHint}</p>
      <CounterField name="storeId" label={t.store}>
        {(props) => (
          <select {...props} defaultValue={session.stores[0]!.id}>
            {session.stores.map((store) => (
              <option key={store.id} value={store.id}>
                {store.code} {store.name}
              </option>
            ))}
          </select>
        )}
      </CounterField>
      <Actions problem={problem} submit={t.chooseStore} busy={busy} />
    </form>
  );
}
