import { type FormEvent, useState } from 'react';
import type { SessionResponse } from '../../../../../bot/schemas/staff-api.ts';
import { fieldWith } from '../../../components/field.tsx';
import { Done, Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { useStaffForm } from '../../../components/use-staff-form.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useStore } from '../../../lib/use-store.ts';
import { useCouponTemplates } from '../api/coupon-templates.ts';
import { type Journey, saveJourney, useJourneys } from '../api/journeys.ts';
import { ConsoleForm, OtherFields } from './console-form.tsx';
import { digits } from './coupon-field.ts';
import { JourneyDays } from './journeys-days.tsx';
import { journeyFieldMessages, journeyMessages } from './journeys-messages.ts';
import { EditorActions } from './listing.tsx';

const JourneyField = fieldWith(journeyFieldMessages, 'journey');
const shown = ['enabled', 'delayDays', 'message.kind', 'message.zh.text', 'message.en.text'].concat([
  'message.templateId',
  'message.zh.intro',
  'message.en.intro',
]);

interface Draft {
  enabled: boolean;
  delayDays: string;
  kind: 'text' | 'coupon';
  templateId: string;
  zh: string;
  en: string;
}

const draftOf = (j: Journey): Draft => {
  const m = j.message as {
    kind: string;
    templateId?: number;
    zh: Record<string, string>;
    en: Record<string, string>;
  };
  const coupon = m.kind === 'coupon';
  return {
    enabled: j.enabled,
    delayDays: String(j.delayDays),
    kind: coupon ? 'coupon' : 'text',
    templateId: coupon ? String(m.templateId) : '',
    zh: (coupon ? m.zh.intro : m.zh.text) ?? '',
    en: (coupon ? m.en.intro : m.en.text) ?? '',
  };
};

const messageOf = (d: Draft) =>
  d.kind === 'coupon'
    ? { kind: 'coupon', templateId: Number(d.templateId), zh: { intro: d.zh }, en: { intro: d.en } }
    : { kind: 'text', zh: { text: d.zh }, en: { text: d.en } };

/**
 * When the journey runs next (Taipei time), so nobody switches one on and waits for a run they cannot see coming:
 * today's pass within the schedule's five minutes, or after midnight once today's is done; and when its messages
 * go, if quiet hours hold them.
 */
function NextRun({ journey }: { journey: Journey }) {
  const t = useStore(journeyMessages);
  const { ranToday, by, sendsFrom } = journey.nextRun;
  const when = formatDateTime(by);
  const sentences = [
    ranToday && t.ranToday,
    journey.enabled ? t.nextRun({ by: when }) : t.nextRunOff({ by: when }),
    sendsFrom !== by && t.sendsFrom({ at: formatDateTime(sendsFrom) }),
  ];
  return (
    <p className="field-hint" role="note" aria-label={t.nextRunLabel}>
      {sentences.filter(Boolean).join(t.sentenceGap)}
    </p>
  );
}

/** One journey's settings: on or off, its delay and its message (a text or a coupon card). */
function JourneyForm({
  journey,
  editable,
  onSaved,
}: {
  journey: Journey;
  editable: boolean;
  onSaved: () => void;
}) {
  const t = useStore(journeyMessages);
  const templates = useCouponTemplates();
  const [start] = useState(() => draftOf(journey));
  const [draft, setDraft] = useState(start);
  const editor = useStaffForm();
  const name = t[journey.kind];
  const offered = (templates.data ?? []).filter((c) => c.claimable && !c.autoIssue && c.active);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = { enabled: draft.enabled, delayDays: Number(draft.delayDays), message: messageOf(draft) };
    if (await editor.send(() => saveJourney(journey.kind, body))) onSaved();
  }

  const id = (field: string) => `${journey.kind}-${field}`;
  const words = draft.kind === 'coupon' ? [t.introZh, t.introEn] : [t.textZh, t.textEn];
  const wordsKey = draft.kind === 'coupon' ? 'intro' : 'text';
  return (
    <ConsoleForm label={name} className="panel editor" onSubmit={submit} form={editor}>
      <h2>
        {name} · {journey.enabled ? t.on : t.off}
      </h2>
      <NextRun journey={journey} />
      <fieldset disabled={!editable}>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(e) => setDraft({ ...draft, enabled: e.target.checked })}
          />
          {t.enabled}
        </label>
        <JourneyField
          name={id('delayDays')}
          label={t[`${journey.kind}Delay`]}
          problem={editor.problems.delayDays}
        >
          {(props) => (
            <input
              {...props}
              inputMode="numeric"
              value={draft.delayDays}
              onChange={(e) => setDraft({ ...draft, delayDays: digits(e.target.value) })}
            />
          )}
        </JourneyField>
        <JourneyField name={id('kind')} label={t.kind} problem={editor.problems['message.kind']}>
          {(props) => (
            <select
              {...props}
              value={draft.kind}
              onChange={(e) => setDraft({ ...draft, kind: e.target.value as Draft['kind'] })}
            >
              <option value="text">{t.kindText}</option>
              <option value="coupon">{t.kindCoupon}</option>
            </select>
          )}
        </JourneyField>
        {draft.kind === 'coupon' && (
          <JourneyField
            name={id('templateId')}
            label={t.template}
            problem={editor.problems['message.templateId']}
          >
            {(props) => (
              <select
                {...props}
                value={draft.templateId}
                onChange={(e) => setDraft({ ...draft, templateId: e.target.value })}
              >
                <option value="">{t.chooseTemplate}</option>
                {offered.map((c) => (
                  <option key={c.id} value={String(c.id)}>
                    {c.title}
                  </option>
                ))}
              </select>
            )}
          </JourneyField>
        )}
        <JourneyField name={id('zh')} label={words[0]!} problem={editor.problems[`message.zh.${wordsKey}`]}>
          {(props) => (
            <textarea
              {...props}
              value={draft.zh}
              onChange={(e) => setDraft({ ...draft, zh: e.target.value })}
            />
          )}
        </JourneyField>
        <JourneyField name={id('en')} label={words[1]!} problem={editor.problems[`message.en.${wordsKey}`]}>
          {(props) => (
            <textarea
              {...props}
              value={draft.en}
              onChange={(e) => setDraft({ ...draft, en: e.target.value })}
            />
          )}
        </JourneyField>
        <OtherFields problems={editor.problems} shown={shown} />
      </fieldset>
      {editable && (
        <EditorActions form={editor} submit={t.save} cancel={t.reset} onCancel={() => setDraft(start)} />
      )}
      <JourneyDays kind={journey.kind} />
    </ConsoleForm>
  );
}

/** The automated journeys (自動旅程): read by whoever reads campaigns, set by marketers and admins. */
export function JourneysPage({ session }: { session: SessionResponse }) {
  const t = useStore(journeyMessages);
  const errors = useStore(errorMessages);
  const journeys = useJourneys();
  const [saved, setSaved] = useState<{ n: number; name: string }>({ n: 0, name: '' });
  const editable = session.actions.includes('journey.edit');
  return (
    <section aria-labelledby="journeys-heading">
      <h1 id="journeys-heading">{t.heading}</h1>
      <p className="field-hint">{t.intro}</p>
      {!editable && <p className="field-hint">{t.readOnly}</p>}
      <Done>{saved.n > 0 && t.saved({ name: saved.name })}</Done>
      {journeys.error !== undefined && <Problem>{refusalText(errors, journeys.error)}</Problem>}
      {!journeys.data && !journeys.error && <p className="status">{t.loading}</p>}
      {journeys.data?.map((journey) => (
        <JourneyForm
          key={`${journey.kind}-${journey.updatedAt}-${saved.n}`}
          journey={journey}
          editable={editable}
          onSaved={() => {
            setSaved({ n: saved.n + 1, name: t[journey.kind] });
            journeys.reload();
          }}
        />
      ))}
    </section>
  );
}
