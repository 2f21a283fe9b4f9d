import { type FormEvent, useState } from 'react';
import { problemText } from '../../../components/field.tsx';
import { Actions } from '../../../components/form-parts.tsx';
import { StaffField } from '../../../components/staff-field.tsx';
import { fieldMessages } from '../../../components/staff-messages.ts';
import { useStaffForm } from '../../../components/use-staff-form.ts';
import { useStore } from '../../../lib/use-store.ts';
import { addEarnRule } from '../api/points-settings.ts';
import { ConsoleForm, OtherFields } from './console-form.tsx';
import { dayNames, pointsMessages } from './points-messages.ts';

/** The fields this form shows; the server's answer about any other is listed above the buttons. */
const shown = ['name', 'multiplierPercent', 'bonusPoints', 'minAmount', 'startsAt', 'endsAt', 'weekdays'];

/** The server checks the percent it stores; this form shows it as a multiplier (2 for 200%), and says so. */
const asMultiplier = (code: string | undefined) => (code === 'PERCENT_INVALID' ? 'MULTIPLIER_INVALID' : code);

const nextDay = (day: string) =>
  new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();

/** A new earn rule: a multiplier or bonus, on some weekdays, between two Taipei dates. */
export function RuleForm({ onAdded }: { onAdded: () => void }) {
  const t = useStore(pointsMessages);
  const fieldTexts = useStore(fieldMessages);
  const empty = {
    name: '',
    multiplier: '2',
    bonus: '0',
    min: '0',
    weekdays: [] as number[],
    from: '',
    until: '',
  };
  const [rule, setRule] = useState(empty);
  const form = useStaffForm();
  const { problems: fields, failure, sending, send } = form;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const added = await send(() =>
      addEarnRule({
        name: rule.name,
        storeId: null,
        channel: null,
        multiplierPercent: Math.round(Number(rule.multiplier) * 100),
        bonusPoints: Number(rule.bonus),
        minAmount: Number(rule.min),
        weekdays: rule.weekdays.length > 0 ? [...rule.weekdays].sort() : null,
        startsAt: rule.from ? new Date(`${rule.from}T00:00:00+08:00`).toISOString() : null,
        endsAt: rule.until ? nextDay(rule.until) : null,
        active: true,
      }),
    );
    if (added) {
      setRule(empty);
      onAdded();
    }
  };
  const field = (key: string, label: string, value: string, set: (v: string) => void, type = 'text') => (
    <StaffField name={key} label={label} problem={asMultiplier(fields[key])} idPrefix="rule">
      {(props) => <input {...props} type={type} value={value} onChange={(e) => set(e.target.value)} />}
    </StaffField>
  );
  return (
    <ConsoleForm label={t.add} onSubmit={submit} form={form}>
      <h2>{t.add}</h2>
      <div className="grid">
        {field('name', t.name, rule.name, (name) => setRule({ ...rule, name }))}
        {field('multiplierPercent', t.multiplier, rule.multiplier, (multiplier) =>
          setRule({ ...rule, multiplier }),
        )}
        {field('bonusPoints', t.bonusPoints, rule.bonus, (bonus) => setRule({ ...rule, bonus }))}
        {field('minAmount', t.minAmount, rule.min, (min) => setRule({ ...rule, min }))}
        {field('startsAt', t.from, rule.from, (from) => setRule({ ...rule, from }), 'date')}
        {field('endsAt', t.until, rule.until, (until) => setRule({ ...rule, until }), 'date')}
      </div>
      <fieldset className="weekdays">
        <legend>{t.weekdays}</legend>
        {dayNames(t).map((day, index) => (
          <label key={day} className="check">
            <input
              type="checkbox"
              name="weekdays"
              checked={rule.weekdays.includes(index)}
              onChange={(event) =>
                setRule({
                  ...rule,
                  weekdays: event.target.checked
                    ? [...rule.weekdays, index]
                    : rule.weekdays.filter((d) => d !== index),
                })
              }
            />
            {day}
          </label>
        ))}
        {fields.weekdays && <p className="field-error">{problemText(fieldTexts, fields.weekdays)}</p>}
      </fieldset>
      <OtherFields problems={fields} shown={shown} />
      <Actions problem={failure} submit={t.add} busy={sending} />
    </ConsoleForm>
  );
}
