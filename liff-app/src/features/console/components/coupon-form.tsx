import { type FormEvent, useState } from 'react';
import type { StoreView } from '../../../../../bot/schemas/staff-api.ts';
import { problemText } from '../../../components/field.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { useStaffForm } from '../../../components/use-staff-form.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useStore } from '../../../lib/use-store.ts';
import { type CouponTemplate, saveCouponTemplate } from '../api/coupon-templates.ts';
import { ConsoleForm, FieldGroup, OtherFields } from './console-form.tsx';
import { bodyOf, changesOf, type Draft, draftOf } from './coupon-draft.ts';
import { CouponField, digits, type SetDraft } from './coupon-field.ts';
import {
  couponErrorMessages,
  couponFieldMessages,
  couponFormMessages,
  couponRefusals,
} from './coupon-messages.ts';
import { WaysInFields } from './coupon-ways-in.tsx';
import { EditorActions } from './listing.tsx';

/** The fields this form shows; the server's answer about any other is listed above the buttons. */
const shown = [
  'kind',
  'amountOff',
  'percentOff',
  'maxDiscount',
  'giftName',
  'giftNameEn',
  'minSpend',
  'validity',
  'validFrom',
  'validUntil',
  'validDays',
  'totalCap',
  'perMemberCap',
  'discountBudget',
  'storeIds',
  'channels',
  'title',
  'titleEn',
  'terms',
  'termsEn',
  'imageUrl',
  'stackable',
  'active',
  'claimable',
  'lotteryWinPercent',
  'pointsPrice',
  'autoIssue',
  'autoIssueTier',
];

/** The server checks a percent by where it is (1-99 off, 1-100 to win); the form says which. */
const asPercent = (problems: Record<string, string>): Record<string, string> => ({
  ...problems,
  ...(problems.percentOff === 'PERCENT_INVALID' && { percentOff: 'COUPON_PERCENT_INVALID' }),
  ...(problems.lotteryWinPercent === 'PERCENT_INVALID' && { lotteryWinPercent: 'LOTTERY_PERCENT_INVALID' }),
});

/**
 * Creates a coupon template or changes one: every field of ADR 26, the stores and channels, both languages and the
 * ways in. An edit sends only what changed; `onDone` gets the saved template (a new copy when the change altered
 * what issued coupons mean).
 */
export function CouponForm({
  template,
  stores,
  onDone,
  onCancel,
}: {
  template: CouponTemplate | null;
  stores: StoreView[];
  onDone: (saved: CouponTemplate, copied: boolean) => void;
  onCancel: () => void;
}) {
  const t = useStore(couponFormMessages);
  const fieldTexts = useStore(couponFieldMessages);
  const errors = useStore(errorMessages);
  const own = useStore(couponErrorMessages);
  const [start] = useState(() => draftOf(template));
  const [draft, setDraft] = useState(start);
  const editor = useStaffForm();
  const problems = asPercent(editor.problems);
  const set: SetDraft = (key, value) => setDraft((before) => ({ ...before, [key]: value }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (template && Object.keys(changesOf(start, draft)).length === 0) return onDone(template, false);
    let saved: CouponTemplate | undefined;
    let refusal: unknown;
    const ok = await editor.send(async () => {
      try {
        saved = await saveCouponTemplate(template, template ? changesOf(start, draft) : bodyOf(draft));
      } catch (error) {
        refusal = error;
        throw error;
      }
    });
    // The coupon pages' own refusals (a template gone meanwhile) beside every staff page's.
    if (!ok) editor.setFailure(refusalText(couponRefusals(errors, own), refusal));
    else if (saved) onDone(saved, template !== null && saved.id !== template.id);
  }

  const number = (key: keyof Draft & string, label: string, hint?: string) => (
    <CouponField name={key} label={label} problem={problems[key]} hint={hint}>
      {(props) => (
        <input
          {...props}
          inputMode="numeric"
          value={draft[key] as string}
          onChange={(event) => set(key, digits(event.target.value) as never)}
        />
      )}
    </CouponField>
  );
  const line = (key: keyof Draft & string, label: string, type = 'text') => (
    <CouponField name={key} label={label} problem={problems[key]}>
      {(props) => (
        <input
          {...props}
          type={type}
          value={draft[key] as string}
          onChange={(event) => set(key, event.target.value as never)}
        />
      )}
    </CouponField>
  );
  const paragraph = (key: 'terms' | 'termsEn', label: string) => (
    <CouponField name={key} label={label} problem={problems[key]}>
      {(props) => (
        <textarea {...props} rows={3} value={draft[key]} onChange={(e) => set(key, e.target.value)} />
      )}
    </CouponField>
  );
  const problemOf = (key: string) =>
    problems[key] && (
      <p className="field-error" role="alert">
        {problemText(fieldTexts, problems[key])}
      </p>
    );

  return (
    <ConsoleForm
      label={template ? t.save : t.create}
      className="panel editor coupon-form"
      onSubmit={submit}
      form={editor}
    >
      {template && <p className="field-hint">{t.meaningHint}</p>}
      <FieldGroup legend={t.kind}>
        <div className="choices">
          {(['amount_off', 'percent_off', 'gift'] as const).map((kind) => (
            <label key={kind} className="check">
              <input
                type="radio"
                name="kind"
                checked={draft.kind === kind}
                onChange={() => set('kind', kind)}
              />
              {t[kind]}
            </label>
          ))}
        </div>
        {problemOf('kind')}
        <div className="grid">
          {draft.kind === 'amount_off' && number('amountOff', t.amountOff)}
          {draft.kind === 'percent_off' && number('percentOff', t.percentOff)}
          {draft.kind === 'percent_off' && number('maxDiscount', t.maxDiscount)}
          {draft.kind === 'gift' && line('giftName', t.giftName)}
          {draft.kind === 'gift' && line('giftNameEn', t.giftNameEn)}
          {number('minSpend', t.minSpend)}
        </div>
      </FieldGroup>
      <FieldGroup legend={t.validity}>
        <div className="choices">
          {(['window', 'days'] as const).map((validity) => (
            <label key={validity} className="check">
              <input
                type="radio"
                name="validity"
                checked={draft.validity === validity}
                onChange={() => set('validity', validity)}
              />
              {t[validity]}
            </label>
          ))}
        </div>
        {problemOf('validity')}
        <div className="grid">
          {draft.validity === 'window' && line('validFrom', t.validFrom, 'date')}
          {draft.validity === 'window' && line('validUntil', t.validUntil, 'date')}
          {draft.validity === 'days' && number('validDays', t.validDays)}
        </div>
      </FieldGroup>
      <FieldGroup legend={t.limits}>
        <div className="grid">
          {number('totalCap', t.totalCap)}
          {number('perMemberCap', t.perMemberCap)}
          {number('discountBudget', t.discountBudget)}
        </div>
      </FieldGroup>
      <FieldGroup legend={t.stores}>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.storeIds === null}
            onChange={(event) => set('storeIds', event.target.checked ? null : [])}
          />
          {t.allStores}
        </label>
        {draft.storeIds !== null &&
          stores
            .filter((store) => store.active || draft.storeIds?.includes(store.id))
            .map((store) => (
              <label key={store.id} className="check">
                <input
                  type="checkbox"
                  name="storeIds"
                  checked={draft.storeIds?.includes(store.id) ?? false}
                  onChange={(event) =>
                    set(
                      'storeIds',
                      event.target.checked
                        ? [...(draft.storeIds ?? []), store.id]
                        : (draft.storeIds ?? []).filter((id) => id !== store.id),
                    )
                  }
                />
                {store.code} {store.name}
              </label>
            ))}
        {problemOf('storeIds')}
      </FieldGroup>
      <FieldGroup legend={t.channels}>
        <div className="choices">
          {(['store', 'online', 'other'] as const).map((channel) => (
            <label key={channel} className="check">
              <input
                type="checkbox"
                name="channels"
                checked={draft.channels.includes(channel)}
                onChange={(event) =>
                  set(
                    'channels',
                    event.target.checked
                      ? [...draft.channels, channel]
                      : draft.channels.filter((c) => c !== channel),
                  )
                }
              />
              {t[channel]}
            </label>
          ))}
        </div>
        {problemOf('channels')}
      </FieldGroup>
      <FieldGroup legend={t.words}>
        <div className="grid">
          {line('title', t.title)}
          {line('titleEn', t.titleEn)}
        </div>
        {paragraph('terms', t.terms)}
        {paragraph('termsEn', t.termsEn)}
        {line('imageUrl', t.imageUrl, 'url')}
        <label className="check">
          <input
            type="checkbox"
            checked={draft.stackable}
            onChange={(e) => set('stackable', e.target.checked)}
          />
          {t.stackable}
        </label>
        {problemOf('stackable')}
      </FieldGroup>
      <WaysInFields draft={draft} set={set} problems={problems} />
      <label className="check">
        <input type="checkbox" checked={draft.active} onChange={(e) => set('active', e.target.checked)} />
        {t.active}
      </label>
      <OtherFields problems={problems} shown={shown} />
      <EditorActions
        form={editor}
        submit={template ? t.save : t.create}
        cancel={t.cancel}
        onCancel={onCancel}
      />
    </ConsoleForm>
  );
}
