import { type FormEvent, useState } from 'react';
import { fieldWith } from '../../../components/field.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { useStaffForm } from '../../../components/use-staff-form.ts';
import { useStore } from '../../../lib/use-store.ts';
import { type Campaign, saveCampaign } from '../api/campaigns.ts';
import type { CouponTemplate } from '../api/coupon-templates.ts';
import type { Segment } from '../api/segments.ts';
import { type CampaignDraft, campaignBodyOf, campaignDraftOf, type Words } from './campaign-draft.ts';
import { campaignErrorMessages, campaignFieldMessages, campaignFormMessages } from './campaign-messages.ts';
import { ConsoleForm, FieldGroup, OtherFields, sendForm } from './console-form.tsx';
import { digits } from './coupon-field.ts';
import { titleOf } from './coupon-words.ts';
import { EditorActions } from './listing.tsx';

const CampaignField = fieldWith(campaignFieldMessages, 'campaign');

/** Where the server names each field's problem (the body's paths); any other is listed above the buttons. */
const shown = [
  'name',
  'segmentId',
  'rules',
  'message.templateId',
  'message.imageUrl',
  'message.buttonUrl',
  ...['zh', 'en'].flatMap((l) => ['intro', 'title', 'text', 'buttonLabel'].map((k) => `message.${l}.${k}`)),
  'holdoutPercent',
  'scheduledAt',
];

/**
 * Writes a draft campaign or changes one: whom (a saved segment), what (a coupon, an announcement or text, in
 * zh-TW and English), the holdout and when, in Taipei time. Sending is a step of its own after the preview and
 * the cost.
 */
export function CampaignForm({
  campaign,
  segments,
  templates,
  holdoutPercent,
  onDone,
  onCancel,
}: {
  campaign: Campaign | null;
  segments: Segment[];
  templates: CouponTemplate[];
  holdoutPercent?: number;
  onDone: (saved: Campaign) => void;
  onCancel: () => void;
}) {
  const t = useStore(campaignFormMessages);
  const errors = useStore(errorMessages);
  const own = useStore(campaignErrorMessages);
  const [draft, setDraft] = useState(() => campaignDraftOf(campaign, holdoutPercent));
  const editor = useStaffForm();
  // No segment chosen: the server asks for the campaign's rules, which this form takes from a segment.
  const problems =
    editor.problems.rules === 'REQUIRED' && !draft.segmentId
      ? { ...editor.problems, segmentId: editor.problems.segmentId ?? 'SEGMENT_REQUIRED' }
      : editor.problems;
  const set = <K extends keyof CampaignDraft>(key: K, value: CampaignDraft[K]) =>
    setDraft((before) => ({ ...before, [key]: value }));
  const setWords = (lang: 'zh' | 'en', key: keyof Words, value: string) =>
    setDraft((before) => ({ ...before, [lang]: { ...before[lang], [key]: value } }));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const saved = await sendForm(editor, { ...errors, ...own }, () =>
      saveCampaign(campaign, campaignBodyOf(draft)),
    );
    if (saved) onDone(saved);
  }

  const line = (name: string, label: string, value: string, onChange: (v: string) => void, type = 'text') => (
    <CampaignField name={name} label={label} problem={problems[name]}>
      {(props) => <input {...props} type={type} value={value} onChange={(e) => onChange(e.target.value)} />}
    </CampaignField>
  );
  const paragraph = (name: string, label: string, value: string, onChange: (v: string) => void) => (
    <CampaignField name={name} label={label} problem={problems[name]}>
      {(props) => <textarea {...props} rows={4} value={value} onChange={(e) => onChange(e.target.value)} />}
    </CampaignField>
  );
  const language = (lang: 'zh' | 'en') => {
    const w = draft[lang];
    const at = (key: keyof Words) => `message.${lang}.${key}`;
    const put = (key: keyof Words) => (v: string) => setWords(lang, key, v);
    return (
      <FieldGroup legend={t[lang]}>
        {draft.kind === 'coupon' && paragraph(at('intro'), t.intro, w.intro, put('intro'))}
        {draft.kind === 'announcement' && (
          <>
            {line(at('title'), t.title, w.title, put('title'))}
            {paragraph(at('text'), t.body, w.text, put('text'))}
            {line(at('buttonLabel'), t.buttonLabel, w.buttonLabel, put('buttonLabel'))}
          </>
        )}
        {draft.kind === 'text' && paragraph(at('text'), t.textZh, w.text, put('text'))}
      </FieldGroup>
    );
  };

  return (
    <ConsoleForm
      label={campaign ? t.save : t.create}
      className="panel editor campaign-form"
      onSubmit={submit}
      form={editor}
    >
      {line('name', t.name, draft.name, (v) => set('name', v))}
      <CampaignField name="segmentId" label={t.segmentId} problem={problems.segmentId}>
        {(props) => (
          <select {...props} value={draft.segmentId} onChange={(e) => set('segmentId', e.target.value)}>
            <option value="">{t.chooseSegment}</option>
            {segments.map((segment) => (
              <option key={segment.id} value={segment.id}>
                {segment.name}
              </option>
            ))}
          </select>
        )}
      </CampaignField>
      <FieldGroup legend={t.kind}>
        <div className="choices">
          {(['coupon', 'announcement', 'text'] as const).map((kind) => (
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
        {draft.kind === 'coupon' && (
          <CampaignField
            name="message.templateId"
            label={t.templateId}
            problem={problems['message.templateId']}
          >
            {(props) => (
              <select {...props} value={draft.templateId} onChange={(e) => set('templateId', e.target.value)}>
                <option value="">{t.chooseTemplate}</option>
                {templates
                  .filter((template) => template.active && template.claimable)
                  .map((template) => (
                    <option key={template.id} value={template.id}>
                      {titleOf(template)}
                    </option>
                  ))}
              </select>
            )}
          </CampaignField>
        )}
        {draft.kind === 'announcement' && (
          <div className="grid">
            {line('message.imageUrl', t.imageUrl, draft.imageUrl, (v) => set('imageUrl', v), 'url')}
            {line('message.buttonUrl', t.buttonUrl, draft.buttonUrl, (v) => set('buttonUrl', v), 'url')}
          </div>
        )}
      </FieldGroup>
      {language('zh')}
      {language('en')}
      <FieldGroup legend={t.when}>
        <div className="choices">
          {(['now', 'later'] as const).map((when) => (
            <label key={when} className="check">
              <input
                type="radio"
                name="when"
                checked={draft.when === when}
                onChange={() => set('when', when)}
              />
              {when === 'now' ? t.sendNow : t.sendLater}
            </label>
          ))}
        </div>
        {draft.when === 'later' &&
          line(
            'scheduledAt',
            t.scheduledAt,
            draft.scheduledAt,
            (v) => set('scheduledAt', v),
            'datetime-local',
          )}
        <p className="field-hint">{t.quietHint}</p>
      </FieldGroup>
      <CampaignField name="holdoutPercent" label={t.holdoutPercent} problem={problems.holdoutPercent}>
        {(props) => (
          <input
            {...props}
            inputMode="numeric"
            value={draft.holdoutPercent}
            onChange={(e) => set('holdoutPercent', digits(e.target.value))}
          />
        )}
      </CampaignField>
      <OtherFields problems={problems} shown={shown} />
      <EditorActions
        form={editor}
        submit={campaign ? t.save : t.create}
        cancel={t.cancel}
        onCancel={onCancel}
      />
    </ConsoleForm>
  );
}
