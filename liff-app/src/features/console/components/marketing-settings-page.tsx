import { type FormEvent, useState } from 'react';
import { fieldWith } from '../../../components/field.tsx';
import { Done, Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { useStaffForm } from '../../../components/use-staff-form.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { params } from '../../../lib/i18n.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { staffI18n } from '../../../lib/staff-i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import {
  type MarketingSettings,
  saveMarketingSettings,
  useMarketingSettings,
} from '../api/marketing-settings.ts';
import { ConsoleForm, OtherFields } from './console-form.tsx';
import { digits } from './coupon-field.ts';
import { EditorActions } from './listing.tsx';

export const marketingSettingsMessages = staffI18n('staffMarketingSettings', {
  heading: '行銷設定',
  loading: '載入中…',
  weeklyLimit: '每位會員每 7 天最多收到幾則行銷推播',
  quietStart: '勿擾時段開始（台北時間）',
  quietEnd: '勿擾時段結束（台北時間）',
  quietHint: '落在勿擾時段的活動會等到結束才發送；發送中的活動會在勿擾時段開始時暫停，結束後繼續。',
  holdoutPercent: '新活動預設的保留對照組（%）',
  monthlyBudget: '每月訊息費用預算（NT$，留空為不設定）',
  planCode: '目前使用的 LINE 方案',
  save: '儲存',
  saved: '已儲存行銷設定',
  reset: '還原',
  updatedAt: params('最後修改：{time}'),
});

export const marketingSettingsFieldMessages = staffI18n('staffMarketingSettingsFields', {
  REQUIRED: '此欄位為必填',
  NUMBER_INVALID: '請輸入範圍內的整數',
  LIMIT_INVALID: '請輸入 1 至 50 的整數',
  TIME_INVALID: '請輸入 HH:MM，例如 22:00',
  HOLDOUT_INVALID: '請輸入 0 至 50 的整數',
  MONEY_INVALID: '請輸入 NT$ 整數金額，或留空',
  PLAN_UNKNOWN: '請選擇方案表中的方案',
  UNKNOWN_FIELD: '伺服器不接受這個欄位',
  INVALID: '格式不正確',
});

const SettingsField = fieldWith(marketingSettingsFieldMessages, 'marketing');
const shown = ['weeklyLimit', 'quietStart', 'quietEnd', 'holdoutPercent', 'monthlyBudget', 'planCode'];
type Draft = Record<(typeof shown)[number], string>;

const draftOf = (s: MarketingSettings): Draft => ({
  weeklyLimit: String(s.weeklyLimit),
  quietStart: s.quietStart,
  quietEnd: s.quietEnd,
  holdoutPercent: String(s.holdoutPercent),
  monthlyBudget: s.monthlyBudget === null ? '' : String(s.monthlyBudget),
  planCode: s.planCode,
});
const numeric = new Set(['weeklyLimit', 'holdoutPercent', 'monthlyBudget']);
/** Only what changed, numbers as numbers and an empty budget as none. */
const changesOf = (before: Draft, after: Draft) =>
  Object.fromEntries(
    Object.entries(after)
      .filter(([key, value]) => before[key] !== value)
      .map(([key, value]) => [key, numeric.has(key) ? (value.trim() === '' ? null : Number(value)) : value]),
  );

function SettingsForm({ settings, onSaved }: { settings: MarketingSettings; onSaved: () => void }) {
  const t = useStore(marketingSettingsMessages);
  const [start] = useState(() => draftOf(settings));
  const [draft, setDraft] = useState(start);
  const editor = useStaffForm();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const changes = changesOf(start, draft);
    if (Object.keys(changes).length === 0) return;
    if (await editor.send(() => saveMarketingSettings(changes))) onSaved();
  }

  const input = (key: keyof Draft & string, label: string, type = 'text') => (
    <SettingsField name={key} label={label} problem={editor.problems[key]}>
      {(props) => (
        <input
          {...props}
          type={type}
          inputMode={numeric.has(key) ? 'numeric' : undefined}
          value={draft[key]}
          onChange={(e) =>
            setDraft({
              ...draft,
              [key]: numeric.has(key) ? digits(e.target.value) : e.target.value,
            })
          }
        />
      )}
    </SettingsField>
  );
  return (
    <ConsoleForm label={t.heading} className="panel editor" onSubmit={submit} form={editor}>
      {input('weeklyLimit', t.weeklyLimit)}
      <div className="grid">
        {input('quietStart', t.quietStart, 'time')}
        {input('quietEnd', t.quietEnd, 'time')}
      </div>
      <p className="field-hint">{t.quietHint}</p>
      {input('holdoutPercent', t.holdoutPercent)}
      {input('monthlyBudget', t.monthlyBudget)}
      <SettingsField name="planCode" label={t.planCode} problem={editor.problems.planCode}>
        {(props) => (
          <select
            {...props}
            value={draft.planCode}
            onChange={(e) => setDraft({ ...draft, planCode: e.target.value })}
          >
            {settings.planTable.map((plan) => (
              <option key={plan.code} value={plan.code}>
                {plan.name}
              </option>
            ))}
          </select>
        )}
      </SettingsField>
      <OtherFields problems={editor.problems} shown={shown} />
      <EditorActions form={editor} submit={t.save} cancel={t.reset} onCancel={() => setDraft(start)} />
    </ConsoleForm>
  );
}

/** The brand's marketing rules (行銷設定), for admins: weekly limit, quiet hours, holdout, monthly budget, plan. */
export function MarketingSettingsPage() {
  const t = useStore(marketingSettingsMessages);
  const errors = useStore(errorMessages);
  const settings = useMarketingSettings();
  const [saved, setSaved] = useState(0);
  return (
    <section aria-labelledby="marketing-heading">
      <h1 id="marketing-heading">{t.heading}</h1>
      <Done>{saved > 0 && t.saved}</Done>
      {settings.error !== undefined && <Problem>{refusalText(errors, settings.error)}</Problem>}
      {!settings.data && !settings.error && <p className="status">{t.loading}</p>}
      {settings.data?.updatedAt && (
        <p className="field-hint">{t.updatedAt({ time: formatDateTime(settings.data.updatedAt) })}</p>
      )}
      {settings.data && (
        <SettingsForm
          key={`${settings.data.updatedAt}-${saved}`}
          settings={settings.data}
          onSaved={() => {
            setSaved((n) => n + 1);
            settings.reload();
          }}
        />
      )}
    </section>
  );
}
