import { type FormEvent, useState } from 'react';
import type { JoinFormResponse, JoinRequest } from '../../../../../bot/schemas/liff-api.ts';
import { problemText } from '../../../components/field.tsx';
import { fieldMessages } from '../../../components/field-messages.ts';
import { GenderField, HomeStoreField } from '../../../components/member-choices.tsx';
import { Field } from '../../../components/member-field.tsx';
import { joinMessages } from '../../../components/member-form-messages.ts';
import { LoadError, Loading } from '../../../components/status.tsx';
import { errorCode, isOffline } from '../../../lib/api-client.ts';
import { useFieldProblems } from '../../../lib/field-problems.ts';
import { formText, lockedUntilOf } from '../../../lib/form.ts';
import { useJoinForm } from '../../../lib/join-form.ts';
import { birthdayProblem, contactProblems, normalisePhone, problemsOf } from '../../../lib/member-fields.ts';
import { fieldProblemsOf } from '../../../lib/refusals.ts';
import { useServices } from '../../../lib/services.tsx';
import { useStore } from '../../../lib/use-store.ts';
import { join } from '../api/join.ts';
import { ClaimStep } from './claim-step.tsx';

/**
 * The join form for a friend who is not a member yet; a number registered to a membership leads to the claim step
 * (the server answers the same whoever holds it).
 */
export default function JoinPage({ onJoined }: { onJoined: () => void }) {
  const form = useJoinForm();
  const [claiming, setClaiming] = useState<JoinRequest | null>(null);
  if (form.error) return <LoadError error={form.error} retry={form.reload} />;
  if (!form.data) return <Loading />;
  if (claiming) {
    return <ClaimStep joining={claiming} onClaimed={onJoined} onBack={() => setClaiming(null)} />;
  }
  return <JoinForm form={form.data} onJoined={onJoined} onClaimable={setClaiming} />;
}

function JoinForm({
  form,
  onJoined,
  onClaimable,
}: {
  form: JoinFormResponse;
  onJoined: () => void;
  onClaimable: (request: JoinRequest) => void;
}) {
  const t = useStore(joinMessages);
  const { api, clock } = useServices();
  const { problems, setProblems, corrected } = useFieldProblems();
  const [failure, setFailure] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = formText(data);
    const found = problemsOf({
      ...contactProblems(text),
      birthday: birthdayProblem(text('birthday'), new Date(clock.now())),
      homeStoreId: text('homeStoreId') ? null : 'STORE_INVALID',
      acceptTerms: data.get('acceptTerms') ? null : 'CONSENT_REQUIRED',
    });
    setProblems(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return;
    const request: JoinRequest = {
      phone: normalisePhone(text('phone')),
      name: text('name').trim(),
      birthday: text('birthday'),
      gender: (text('gender') || null) as JoinRequest['gender'],
      email: text('email') || null,
      homeStoreId: Number(text('homeStoreId')),
      acceptTerms: true,
      termsVersion: form.termsVersion,
      privacyVersion: form.privacyVersion,
      marketingOptIn: data.get('marketingOptIn') === 'on',
    };
    setSending(true);
    try {
      await join(api, request);
      onJoined();
    } catch (error) {
      const code = errorCode(error);
      if (code === 'PHONE_REGISTERED') return onClaimable(request);
      if (code === 'ALREADY_MEMBER') return onJoined();
      const fields = fieldProblemsOf(error);
      if (fields) setProblems(fields);
      else if (code === 'PHONE_LOCKED')
        setFailure(t.phoneLocked({ time: lockedUntilOf(error, clock.now()) }));
      else setFailure(isOffline(error) ? t.offline : t.failed);
    } finally {
      setSending(false);
    }
  }

  return (
    <main className="page">
      <h1>{t.heading}</h1>
      <p>{t.intro}</p>
      <form onSubmit={submit} onChange={corrected} noValidate>
        <Field name="phone" label={t.phone} problem={problems.phone}>
          {(props) => (
            <input {...props} type="tel" inputMode="numeric" autoComplete="tel" placeholder="0912345678" />
          )}
        </Field>
        <Field name="name" label={t.name} problem={problems.name}>
          {(props) => <input {...props} autoComplete="name" />}
        </Field>
        <Field name="birthday" label={t.birthday} problem={problems.birthday}>
          {(props) => <input {...props} type="date" autoComplete="bday" />}
        </Field>
        <GenderField problem={problems.gender} />
        <Field name="email" label={t.email} problem={problems.email}>
          {(props) => <input {...props} type="email" autoComplete="email" />}
        </Field>
        <HomeStoreField stores={form.stores} problem={problems.homeStoreId} />
        <ConsentFields form={form} problem={problems.acceptTerms ?? problems.termsVersion} />
        {failure && <p role="alert">{failure}</p>}
        <button type="submit" className="button" disabled={sending}>
          {sending ? t.sending : t.submit}
        </button>
      </form>
    </main>
  );
}

/** Consent to the terms and the privacy policy (required), and marketing (separate, optional). */
function ConsentFields({ form, problem }: { form: JoinFormResponse; problem?: string | undefined }) {
  const t = useStore(joinMessages);
  const fields = useStore(fieldMessages);
  return (
    <div className="field">
      <label className="check">
        <input
          type="checkbox"
          name="acceptTerms"
          aria-invalid={!!problem}
          aria-describedby={problem ? 'consent-error' : undefined}
        />
        <span>
          {t.acceptTerms}
          <a href={form.termsUrl} target="_blank" rel="noreferrer">
            {t.terms}
          </a>
          {t.and}
          <a href={form.privacyUrl} target="_blank" rel="noreferrer">
            {t.privacy}
          </a>
        </span>
      </label>
      {problem && (
        <p className="field-error" id="consent-error">
          {problemText(fields, problem)}
        </p>
      )}
      <label className="check">
        <input type="checkbox" name="marketingOptIn" />
        <span>{t.marketing}</span>
      </label>
    </div>
  );
}
