import { type FormEvent, useId, useState } from 'react';
import { Actions } from '../../../components/form-parts.tsx';
import { useStore } from '../../../lib/use-store.ts';
import type { Approval } from '../api/member-lookups.ts';
import { CounterField } from './counter-field.tsx';
import { approvalMessages } from './messages.ts';
import { problemOf } from './problem.ts';

/**
 * A store manager approves on the clerk's device: they type their own username and password, which go with the
 * one request they approve (a member without their card, a void, a refund) and are kept nowhere on the page.
 */
export function ManagerApproval({
  reason,
  send,
  onCancel,
  cancelLabel,
}: {
  reason: 'member' | 'void';
  send: (approval: Approval) => Promise<unknown>;
  onCancel: () => void;
  cancelLabel: string;
}) {
  const t = useStore(approvalMessages);
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    event.stopPropagation();
    const form = event.currentTarget;
    const data = new FormData(form);
    const username = String(data.get('username') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!username || !password) return setProblem(t.required);
    setBusy(true);
    setProblem(null);
    try {
      await send({ username, password });
    } catch (error) {
      setProblem(problemOf(error).message);
      const password = form.elements.namedItem('password');
      if (password instanceof HTMLInputElement) password.value = '';
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="approval" aria-label={t.heading} onSubmit={submit} noValidate>
      <h3>{t.heading}</h3>
      <p className="field-hint">{reason === 'member' ? t.forMember : t.forVoid}</p>
      <CounterField name="username" label={t.username} idPrefix={id}>
        {(props) => <input {...props} autoComplete="off" autoCapitalize="none" spellCheck={false} />}
      </CounterField>
      <CounterField name="password" label={t.password} idPrefix={id}>
        {(props) => <input {...props} type="password" autoComplete="off" />}
      </CounterField>
      <Actions
        problem={problem}
        submit={t.approve}
        busy={busy}
        busyLabel={t.sending}
        cancel={cancelLabel}
        onCancel={onCancel}
      />
    </form>
  );
}
