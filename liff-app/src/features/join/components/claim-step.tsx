import { type FormEvent, useState } from 'react';
import type { JoinRequest } from '../../../../../bot/schemas/liff-api.ts';
import { useServices } from '../../../app/providers.tsx';
import { Field } from '../../../components/field.tsx';
import { ApiRequestError, isOffline } from '../../../lib/api.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { birthdayProblem, normalisePhone, phoneProblem, problemsOf } from '../../../lib/member-fields.ts';
import { useStore } from '../../../lib/use-store.ts';
import { claim } from '../api/join.ts';
import { fieldProblems, formText } from './form-errors.ts';
import { joinMessages } from './messages.ts';

/**
 * The phone number belongs to a membership from the shops: proving phone and birthday binds it to this LINE
 * account, with the consent given on the join form. Failures are counted; too many lock for a while.
 */
export function ClaimStep({
  joining,
  onClaimed,
  onBack,
}: {
  joining: JoinRequest;
  onClaimed: () => void;
  onBack: () => void;
}) {
  const t = useStore(joinMessages);
  const { api, clock } = useServices();
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [locked, setLocked] = useState(false);
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = formText(new FormData(event.currentTarget));
    const found = problemsOf({
      phone: phoneProblem(text('phone')),
      birthday: birthdayProblem(text('birthday'), new Date(clock.now())),
    });
    setProblems(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    setSending(true);
    try {
      await claim(api, {
        phone: normalisePhone(text('phone')),
        birthday: text('birthday'),
        acceptTerms: joining.acceptTerms,
        termsVersion: joining.termsVersion,
        privacyVersion: joining.privacyVersion,
        marketingOptIn: joining.marketingOptIn,
      });
      onClaimed();
    } catch (error) {
      const body = error instanceof ApiRequestError ? error.body : null;
      const fields = fieldProblems(error);
      if (body?.code === 'ALREADY_MEMBER') return onClaimed();
      if (fields) setProblems(fields);
      else if (body?.code === 'CLAIM_MISMATCH')
        setFailure(t.claimMismatch({ attempts: body.attemptsLeft ?? 0 }));
      else if (body?.code === 'CLAIM_LOCKED') {
        setLocked(true);
        setFailure(t.claimLocked({ time: formatDateTime(body.lockedUntil ?? clock.now()) }));
      } else setFailure(isOffline(error) ? t.offline : t.failed);
    } finally {
      setSending(false);
    }
  }

  return (
    <main className="page">
      <h1>{t.claimHeading}</h1>
      <p>{t.claimIntro}</p>
      <form onSubmit={submit} noValidate>
        <Field name="phone" label={t.phone} problem={problems.phone}>
          {(props) => <input {...props} type="tel" inputMode="numeric" defaultValue={joining.phone} />}
        </Field>
        <Field name="birthday" label={t.birthday} problem={problems.birthday}>
          {(props) => <input {...props} type="date" />}
        </Field>
        {failure && <p role="alert">{failure}</p>}
        <button type="submit" className="button" disabled={sending || locked}>
          {sending ? t.sending : t.claimSubmit}
        </button>
        <button type="button" className="button secondary" onClick={onBack}>
          {t.back}
        </button>
      </form>
    </main>
  );
}
