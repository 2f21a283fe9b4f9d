import { type FormEvent, useState } from 'react';
import type { ApiError, ClaimRequest, JoinRequest } from '../../../../../bot/schemas/liff-api.ts';
import { Field } from '../../../components/member-field.tsx';
import { joinMessages } from '../../../components/member-form-messages.ts';
import { isOffline } from '../../../lib/api-client.ts';
import { useFieldProblems } from '../../../lib/field-problems.ts';
import { formText } from '../../../lib/form.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { birthdayProblem, normalisePhone, phoneProblem, problemsOf } from '../../../lib/member-fields.ts';
import { fieldProblemsOf, refusalOf } from '../../../lib/refusals.ts';
import { useServices } from '../../../lib/services.tsx';
import { useStore } from '../../../lib/use-store.ts';
import { claim } from '../api/join.ts';

/** 1234 5678 as the clerk reads it out, to the eight digits; null when it is not eight digits. */
const claimCodeOf = (text: string) => {
  const code = text.replace(/[\s-]/g, '');
  return /^\d{8}$/.test(code) ? code : null;
};

/**
 * The number is registered to a membership: if it is the shopper's own from the shops, the birthday on record
 * or a claim code from a clerk binds it to this LINE account, with the consent given on the join form. The step
 * says the same whoever holds the number; failures are counted, and too many lock this LINE account for a while.
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
  const [withCode, setWithCode] = useState(false);
  const { problems, setProblems, corrected } = useFieldProblems();
  const [failure, setFailure] = useState<string | null>(null);
  const [locked, setLocked] = useState<'birthday' | 'code' | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const text = formText(new FormData(event.currentTarget));
    const code = withCode ? claimCodeOf(text('claimCode')) : null;
    const found = problemsOf({
      phone: phoneProblem(text('phone')),
      ...(withCode
        ? { claimCode: code ? null : 'CLAIM_CODE_INVALID' }
        : { birthday: birthdayProblem(text('birthday'), new Date(clock.now())) }),
    });
    setProblems(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    const request: ClaimRequest = {
      phone: normalisePhone(text('phone')),
      ...(code ? { claimCode: code } : { birthday: text('birthday') }),
      acceptTerms: joining.acceptTerms,
      termsVersion: joining.termsVersion,
      privacyVersion: joining.privacyVersion,
      marketingOptIn: joining.marketingOptIn,
    };
    setSending(true);
    try {
      await claim(api, request);
      onClaimed();
    } catch (error) {
      const body = refusalOf<ApiError>(error);
      const fields = fieldProblemsOf(error);
      if (body?.code === 'ALREADY_MEMBER') return onClaimed();
      if (fields) setProblems(fields);
      else if (body?.code === 'CLAIM_MISMATCH') {
        const attempts = body.attemptsLeft ?? 0;
        setFailure(withCode ? t.claimCodeMismatch({ attempts }) : t.claimMismatch({ attempts }));
      } else if (body?.code === 'CLAIM_LOCKED') {
        setLocked(withCode ? 'code' : 'birthday');
        setFailure(t.claimLocked({ time: formatDateTime(body.lockedUntil ?? clock.now()) }));
      } else setFailure(isOffline(error) ? t.offline : t.failed);
    } finally {
      setSending(false);
    }
  }

  function switchProof() {
    setWithCode(!withCode);
    setProblems({});
  }

  return (
    <main className="page">
      <h1>{t.claimHeading}</h1>
      <p>{t.claimIntro}</p>
      <form onSubmit={submit} onChange={corrected} noValidate>
        <Field name="phone" label={t.phone} problem={problems.phone}>
          {(props) => <input {...props} type="tel" inputMode="numeric" defaultValue={joining.phone} />}
        </Field>
        {withCode ? (
          <Field name="claimCode" label={t.claimCode} problem={problems.claimCode}>
            {(props) => <input {...props} inputMode="numeric" autoComplete="one-time-code" />}
          </Field>
        ) : (
          <Field name="birthday" label={t.birthday} problem={problems.birthday}>
            {(props) => <input {...props} type="date" />}
          </Field>
        )}
        {failure && <p role="alert">{failure}</p>}
        <button
          type="submit"
          className="button"
          disabled={sending || locked === (withCode ? 'code' : 'birthday')}
        >
          {sending ? t.sending : t.claimSubmit}
        </button>
        <button type="button" className="button secondary" onClick={switchProof}>
          {withCode ? t.useBirthday : t.useCode}
        </button>
        <button type="button" className="button secondary" onClick={onBack}>
          {t.back}
        </button>
      </form>
    </main>
  );
}
