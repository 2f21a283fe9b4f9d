import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { Static } from 'typebox';
import type { PointsSettings } from '../../../../../bot/schemas/points-settings-api.ts';
import type { SessionResponse } from '../../../../../bot/schemas/staff-api.ts';
import { errorMessages } from '../../../components/staff-messages.ts';
import { fieldProblemsOf } from '../../../lib/api-client.ts';
import { params, staffI18n } from '../../../lib/i18n.ts';
import { refusalText } from '../../../lib/refusal-text.ts';
import { staffApi } from '../../../lib/staff-api.ts';
import { useStore } from '../../../lib/use-store.ts';

type Settings = Static<typeof PointsSettings>;
type Rule = Settings['rules'][number];

export const pointsMessages = staffI18n('staffPoints', {
  heading: '點數規則',
  policy: '點數政策',
  spendPerPoint: '每消費多少元得 1 點（NT$）',
  pointValue: '折抵時 1 點抵多少元（NT$）',
  minRedeemPoints: '每次最少折抵點數',
  maxRedeemPercent: '點數最多可折抵消費的百分比',
  expiryReminderDays: '到期前幾天提醒會員（0 為不提醒）',
  expiry: '點數效期',
  endOfNextYear: '獲得點數的隔年 12 月 31 日到期',
  months: params('獲得後 {months} 個月到期'),
  savePolicy: '儲存政策',
  saved: '已儲存',
  rules: '加碼規則',
  howRulesCombine:
    '基本點數乘以會員等級倍數，再乘以符合條件的規則中「最高」的倍數（多個活動不會相乘）；每個符合規則的加贈點數會相加。',
  none: '目前沒有加碼規則。',
  name: '名稱',
  multiplier: '倍數（例如 2 為雙倍）',
  bonusPoints: '每筆加贈點數',
  minAmount: '消費滿（NT$）',
  weekdays: '星期（台北時間，不選為每天）',
  from: '開始日期（含）',
  until: '結束日期（含，當天 23:59 結束）',
  store: '門市',
  anyStore: '所有門市',
  channel: '通路',
  anyChannel: '所有通路',
  add: '新增規則',
  on: '啟用中',
  off: '已停用',
  turnOff: '停用',
  turnOn: '啟用',
  readOnly: '只有管理員可以修改點數規則。',
});

const days = ['日', '一', '二', '三', '四', '五', '六'];
const fieldTexts: Record<string, string> = {
  NAME_INVALID: '請輸入 1 至 50 個字',
  RULE_DOES_NOTHING: '倍數大於 1 或加贈點數大於 0，規則才有作用',
  PERCENT_INVALID: '倍數需介於 1 至 10',
  WEEKDAYS_INVALID: '請選擇星期',
  ENDS_BEFORE_START: '結束日期需在開始日期之後',
  NUMBER_INVALID: '請輸入有效的數字',
};
const taipeiDay = (iso: string | null, endExclusive = false) => {
  if (!iso) return '';
  const at = new Date(new Date(iso).getTime() + 8 * 3600_000 - (endExclusive ? 1 : 0));
  return at.toISOString().slice(0, 10);
};
const nextDay = (day: string) =>
  new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000).toISOString();

/** The points policy and the earn rules: read by points_rules.read, changed by points_rules.edit (audited). */
export function PointsPage({ session }: { session: SessionResponse }) {
  const t = useStore(pointsMessages);
  const errors = useStore(errorMessages);
  const editor = session.actions.includes('points_rules.edit');
  const [settings, setSettings] = useState<Settings | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const load = useCallback(() => {
    staffApi
      .get<Settings>('/points-settings')
      .then(setSettings, (error) => setProblem(refusalText(errors, error)));
  }, [errors]);
  useEffect(load, [load]);

  const toggle = async (rule: Rule) => {
    try {
      await staffApi.patch(`/earn-rules/${rule.id}`, { active: !rule.active });
      load();
    } catch (error) {
      setProblem(refusalText(errors, error));
    }
  };

  return (
    <section aria-label={t.heading}>
      <div className="page-head">
        <h1>{t.heading}</h1>
      </div>
      {!editor && <p className="notice">{t.readOnly}</p>}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {settings && <PolicyForm policy={settings.policy} editable={editor} onSaved={load} />}
      <h2>{t.rules}</h2>
      <p className="field-hint">{t.howRulesCombine}</p>
      {settings?.rules.length === 0 && <p className="status">{t.none}</p>}
      {settings && settings.rules.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th>{t.name}</th>
              <th>{t.multiplier}</th>
              <th>{t.bonusPoints}</th>
              <th>{t.weekdays}</th>
              <th>{t.from}</th>
              <th>{t.until}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {settings.rules.map((rule) => (
              <tr key={rule.id} className={rule.active ? '' : 'inactive'}>
                <td>{rule.name}</td>
                <td>{rule.multiplierPercent / 100}x</td>
                <td>{rule.bonusPoints}</td>
                <td>{rule.weekdays?.map((d) => days[d]).join('、') ?? '—'}</td>
                <td>{taipeiDay(rule.startsAt) || '—'}</td>
                <td>{taipeiDay(rule.endsAt, true) || '—'}</td>
                <td className="actions">
                  <span className={`tag ${rule.active ? 'on' : 'off'}`}>{rule.active ? t.on : t.off}</span>
                  {editor && (
                    <button type="button" className="link" onClick={() => void toggle(rule)}>
                      {rule.active ? t.turnOff : t.turnOn}
                      <span className="visually-hidden"> {rule.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editor && <RuleForm onAdded={load} />}
    </section>
  );
}

function PolicyForm({
  policy,
  editable,
  onSaved,
}: {
  policy: Settings['policy'];
  editable: boolean;
  onSaved: () => void;
}) {
  const t = useStore(pointsMessages);
  const errors = useStore(errorMessages);
  const numbers = [
    'spendPerPoint',
    'pointValue',
    'minRedeemPoints',
    'maxRedeemPercent',
    'expiryReminderDays',
  ] as const;
  const [values, setValues] = useState(() => Object.fromEntries(numbers.map((k) => [k, String(policy[k])])));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setStatus(null);
    try {
      await staffApi.patch('/points-policy', Object.fromEntries(numbers.map((k) => [k, Number(values[k])])));
      setFields({});
      setStatus(t.saved);
      onSaved();
    } catch (error) {
      setFields(fieldProblemsOf(error) ?? {});
      setStatus(refusalText(errors, error));
    }
  };
  return (
    <form className="panel" onSubmit={submit} noValidate aria-label={t.policy}>
      <h2>{t.policy}</h2>
      <div className="grid">
        {numbers.map((key) => (
          <div className="field" key={key}>
            <label htmlFor={`policy-${key}`}>{t[key]}</label>
            <input
              id={`policy-${key}`}
              inputMode="numeric"
              value={values[key]}
              disabled={!editable}
              aria-invalid={fields[key] ? true : undefined}
              onChange={(event) => setValues({ ...values, [key]: event.target.value.replace(/\D/g, '') })}
            />
            {fields[key] && <p className="field-error">{fieldTexts[fields[key]] ?? fields[key]}</p>}
          </div>
        ))}
      </div>
      <p>
        {t.expiry}：
        {policy.expiry === 'months' ? t.months({ months: policy.expiryMonths ?? 0 }) : t.endOfNextYear}
      </p>
      {status && <p role="status">{status}</p>}
      {editable && (
        <button type="submit" className="button">
          {t.savePolicy}
        </button>
      )}
    </form>
  );
}

function RuleForm({ onAdded }: { onAdded: () => void }) {
  const t = useStore(pointsMessages);
  const errors = useStore(errorMessages);
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
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    try {
      await staffApi.post('/earn-rules', {
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
      });
      setRule(empty);
      setFields({});
      onAdded();
    } catch (error) {
      setFields(fieldProblemsOf(error) ?? {});
      setProblem(refusalText(errors, error));
    }
  };
  const field = (key: string, label: string, value: string, set: (v: string) => void, type = 'text') => (
    <div className="field">
      <label htmlFor={`rule-${key}`}>{label}</label>
      <input
        id={`rule-${key}`}
        type={type}
        value={value}
        aria-invalid={fields[key] ? true : undefined}
        onChange={(e) => set(e.target.value)}
      />
      {fields[key] && <p className="field-error">{fieldTexts[fields[key]] ?? fields[key]}</p>}
    </div>
  );
  return (
    <form className="panel" onSubmit={submit} noValidate aria-label={t.add}>
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
      <fieldset className="field">
        <legend>{t.weekdays}</legend>
        {days.map((day, index) => (
          <label key={day} className="check">
            <input
              type="checkbox"
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
        {fields.weekdays && <p className="field-error">{fieldTexts[fields.weekdays]}</p>}
      </fieldset>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="button">
        {t.add}
      </button>
    </form>
  );
}
