import { type FormEvent, useState } from 'react';
import type { MemberView, ProfileUpdate } from '../../../../../bot/schemas/liff-api.ts';
import { GenderField, HomeStoreField } from '../../../components/member-choices.tsx';
import { Field } from '../../../components/member-field.tsx';
import { joinMessages } from '../../../components/member-form-messages.ts';
import { LoadError, Loading } from '../../../components/status.tsx';
import { errorCode } from '../../../lib/api-client.ts';
import { useFieldProblems } from '../../../lib/field-problems.ts';
import { formText, lockedUntilOf } from '../../../lib/form.ts';
import { useJoinForm } from '../../../lib/join-form.ts';
import { contactProblems, normalisePhone, problemsOf } from '../../../lib/member-fields.ts';
import { fieldProblemsOf } from '../../../lib/refusals.ts';
import { useServices } from '../../../lib/services.tsx';
import { useStore } from '../../../lib/use-store.ts';
import { useMe } from '../api/get-me.ts';
import { updateProfile } from '../api/personal-data.ts';
import { profileMessages } from './messages.ts';
import { PersonalData } from './personal-data.tsx';

/** Contact fields and marketing opt-in; the member's data to download; unbinding and deleting. */
export default function ProfilePage({ onLeft }: { onLeft: () => void }) {
  const me = useMe();
  const form = useJoinForm();
  const error = me.error ?? form.error;
  if (error) return <LoadError error={error} retry={me.error ? me.reload : form.reload} />;
  if (!me.data?.member || !form.data) return <Loading />;
  return (
    <>
      <ProfileForm member={me.data.member} stores={form.data.stores} />
      <PersonalData onLeft={onLeft} />
    </>
  );
}

function ProfileForm({ member, stores }: { member: MemberView; stores: { id: number; name: string }[] }) {
  const t = useStore(profileMessages);
  const j = useStore(joinMessages);
  const { api, clock } = useServices();
  const { problems, setProblems, corrected } = useFieldProblems();
  const [status, setStatus] = useState<string | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = formText(data);
    const found = problemsOf(contactProblems(text));
    setProblems(found);
    setStatus(null);
    if (Object.keys(found).length > 0) return;
    const update: ProfileUpdate = {
      name: text('name').trim(),
      phone: normalisePhone(text('phone')),
      email: text('email') || null,
      gender: (text('gender') || null) as ProfileUpdate['gender'],
      marketingOptIn: data.get('marketingOptIn') === 'on',
      ...(text('homeStoreId') && { homeStoreId: Number(text('homeStoreId')) }),
    };
    try {
      await updateProfile(api, update);
      setStatus(t.saved);
    } catch (error) {
      const fields = fieldProblemsOf(error);
      if (fields) setProblems(fields);
      else if (errorCode(error) === 'PHONE_LOCKED') {
        setStatus(j.phoneLocked({ time: lockedUntilOf(error, clock.now()) }));
      } else setStatus(t.failed);
    }
  }

  return (
    <section aria-labelledby="profile-heading">
      <h1 id="profile-heading">{t.heading}</h1>
      <p className="muted">
        {t.memberNumber} {member.memberNumber} · {t.birthday} {member.birthday}
      </p>
      <form className="panel" onSubmit={submit} onChange={corrected} noValidate>
        <Field name="name" label={j.name} problem={problems.name}>
          {(props) => <input {...props} defaultValue={member.name} autoComplete="name" />}
        </Field>
        <Field name="phone" label={j.phone} problem={problems.phone}>
          {(props) => <input {...props} type="tel" inputMode="numeric" defaultValue={member.phone} />}
        </Field>
        <Field name="email" label={j.email} problem={problems.email}>
          {(props) => <input {...props} type="email" defaultValue={member.email ?? ''} />}
        </Field>
        <GenderField problem={problems.gender} defaultValue={member.gender ?? ''} />
        <HomeStoreField
          stores={stores}
          problem={problems.homeStoreId}
          defaultValue={member.homeStore?.id ?? ''}
        />
        <label className="check">
          <input type="checkbox" name="marketingOptIn" defaultChecked={member.marketingOptIn} />
          <span>{j.marketing}</span>
        </label>
        {status && <p role="status">{status}</p>}
        <button type="submit" className="button">
          {t.save}
        </button>
      </form>
    </section>
  );
}
