import { type FormEvent, useState } from 'react';
import { fieldWith } from '../../../components/field.tsx';
import { Actions, Done } from '../../../components/form-parts.tsx';
import { useStore } from '../../../lib/use-store.ts';
import { fixMember, type MemberDetail, type MemberFix } from '../api/members.ts';
import { memberFieldMessages, memberPageMessages } from './member-messages.ts';
import { useMemberForm } from './use-member-form.ts';

export const MemberField = fieldWith(memberFieldMessages, 'member');

type Profile = MemberDetail['member'];
const textFields = ['name', 'phone', 'birthday', 'email'] as const;

/** What the form holds: the record's fields as typed. */
const formOf = (m: Profile) => ({
  name: m.name ?? '',
  phone: m.phone ?? '',
  birthday: m.birthday ?? '',
  email: m.email ?? '',
  gender: m.gender ?? '',
  homeStoreId: m.homeStore ? String(m.homeStore.id) : '',
});

/** Only what was changed goes: the server audits each field it changes, before and after. */
function changesOf(before: ReturnType<typeof formOf>, after: ReturnType<typeof formOf>): MemberFix {
  const fix: MemberFix = {};
  for (const field of textFields) if (after[field] !== before[field]) fix[field] = after[field];
  if (after.gender !== before.gender) fix.gender = after.gender || null;
  if (after.homeStoreId !== before.homeStoreId && after.homeStoreId)
    fix.homeStoreId = Number(after.homeStoreId);
  return fix;
}

/** Fixes the member's record (member.edit): each refusal on its field, in the reader's language. */
export function MemberRecordForm({
  member,
  stores,
  onSaved,
  onCancel,
}: {
  member: Profile;
  stores: { id: number; name: string }[];
  onSaved: () => void;
  onCancel: () => void;
}) {
  const t = useStore(memberPageMessages);
  const form = useMemberForm();
  const [values, setValues] = useState(() => formOf(member));
  const [done, setDone] = useState<string | null>(null);
  const set = (field: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues({ ...values, [field]: event.target.value });
  const labels = { name: t.name, phone: t.phone, birthday: t.birthday, email: t.email };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let changed: string[] = [];
    const ok = await form.send(async () => {
      changed = (await fixMember(member.id, changesOf(formOf(member), values))).changed;
    });
    if (!ok) return;
    setDone(changed.length === 0 ? t.unchanged : t.saved({ fields: changed.join('、') }));
    if (changed.length > 0) onSaved();
  };
  return (
    <form aria-label={t.edit} className="panel editor" onSubmit={submit} onChange={form.corrected} noValidate>
      {textFields.map((field) => (
        <MemberField key={field} name={field} label={labels[field]} problem={form.problems[field]}>
          {(props) => <input {...props} value={values[field]} onChange={set(field)} />}
        </MemberField>
      ))}
      <MemberField name="gender" label={t.gender} problem={form.problems.gender}>
        {(props) => (
          <select {...props} value={values.gender} onChange={set('gender')}>
            <option value="">{t.empty}</option>
            <option value="female">{t.female}</option>
            <option value="male">{t.male}</option>
            <option value="other">{t.other}</option>
          </select>
        )}
      </MemberField>
      <MemberField name="homeStoreId" label={t.homeStore} problem={form.problems.homeStoreId}>
        {(props) => (
          <select {...props} value={values.homeStoreId} onChange={set('homeStoreId')}>
            <option value="">{t.empty}</option>
            {stores.map((store) => (
              <option key={store.id} value={store.id}>
                {store.name}
              </option>
            ))}
          </select>
        )}
      </MemberField>
      <Actions
        problem={form.failure}
        inline
        submit={t.save}
        busy={form.sending}
        cancel={t.cancel}
        onCancel={onCancel}
      />
      <Done>{done}</Done>
    </form>
  );
}
