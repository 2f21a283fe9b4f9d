import { type FormEvent, useState } from 'react';
import { Actions, Done } from '../../../components/form-parts.tsx';
import { StaffField } from '../../../components/staff-field.tsx';
import { useStaffForm } from '../../../components/use-staff-form.ts';
import { useStore } from '../../../lib/use-store.ts';
import { savePolicy } from '../api/points-settings.ts';
import { ConsoleForm, OtherFields } from './console-form.tsx';
import { pointsMessages, type Settings } from './points-messages.ts';

/** The points policy: every number in one form, read only to whoever may not edit it. */
export function PolicyForm({
  policy,
  editable,
  onSaved,
}: {
  policy: Settings['policy'];
  editable: boolean;
  onSaved: () => void;
}) {
  const t = useStore(pointsMessages);
  const numbers = [
    'spendPerPoint',
    'pointValue',
    'minRedeemPoints',
    'maxRedeemPercent',
    'expiryReminderDays',
  ] as const;
  const [values, setValues] = useState(() => Object.fromEntries(numbers.map((k) => [k, String(policy[k])])));
  const form = useStaffForm();
  const { problems: fields, failure, sending, send } = form;
  const [saved, setSaved] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const body = Object.fromEntries(numbers.map((k) => [k, Number(values[k])]));
    if (await send(() => savePolicy(body))) {
      setSaved(true);
      onSaved();
    }
  };
  return (
    <ConsoleForm label={t.policy} onSubmit={submit} form={form}>
      <h2>{t.policy}</h2>
      <div className="grid">
        {numbers.map((key) => (
          <StaffField key={key} name={key} label={t[key]} problem={fields[key]} idPrefix="policy">
            {(props) => (
              <input
                {...props}
                inputMode="numeric"
                value={values[key]}
                disabled={!editable}
                onChange={(event) => setValues({ ...values, [key]: event.target.value.replace(/\D/g, '') })}
              />
            )}
          </StaffField>
        ))}
      </div>
      <p>
        {t.expiry({
          when: policy.expiry === 'months' ? t.months({ months: policy.expiryMonths ?? 0 }) : t.endOfNextYear,
        })}
      </p>
      <OtherFields problems={fields} shown={numbers} />
      <Done>{saved && t.saved}</Done>
      {editable && <Actions problem={failure} submit={t.savePolicy} busy={sending} />}
    </ConsoleForm>
  );
}
