import { type FormEvent, useState } from 'react';
import type { SessionResponse } from '../../../../../bot/schemas/staff-api.ts';
import { fieldWith } from '../../../components/field.tsx';
import { Done, Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { useStaffForm } from '../../../components/use-staff-form.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useStore } from '../../../lib/use-store.ts';
import { type ChatSettings, saveChatSettings, useChatSettings } from '../api/chat-settings.ts';
import { useStores } from '../api/stores.ts';
import { CannedRepliesSection } from './canned-replies-section.tsx';
import { ChatRulesSection } from './chat-rules-section.tsx';
import { chatSettingsFieldMessages, chatSettingsMessages } from './chat-settings-messages.ts';
import { ConsoleForm, FieldGroup, OtherFields } from './console-form.tsx';
import { EditorActions } from './listing.tsx';
import { dayNames, pointsMessages } from './points-messages.ts';

const Field = fieldWith(chatSettingsFieldMessages, 'chat-settings');
const TEXTS = ['awayZh', 'awayEn', 'soonZh', 'soonEn'] as const;
type Hours = ChatSettings['hours'][number];

/** The texts, the retention and every business hour, sent whole (PUT) by an admin. */
function SettingsForm({ settings, onSaved }: { settings: ChatSettings; onSaved: () => void }) {
  const t = useStore(chatSettingsMessages);
  const days = dayNames(useStore(pointsMessages));
  const stores = useStores();
  const [draft, setDraft] = useState({ ...settings, retentionDays: String(settings.retentionDays) });
  const editor = useStaffForm();
  const setHours = (i: number, fields: Partial<Hours>) =>
    setDraft({ ...draft, hours: draft.hours.map((h, j) => (j === i ? { ...h, ...fields } : h)) });
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = { ...draft, retentionDays: Number(draft.retentionDays) };
    if (await editor.send(() => saveChatSettings(body))) onSaved();
  }
  const shown = [
    ...TEXTS,
    'retentionDays',
    'hours',
    ...draft.hours.flatMap((_, i) => [
      `hours.${i}`,
      ...['storeId', 'weekday', 'opens', 'closes'].map((f) => `hours.${i}.${f}`),
    ]),
  ];
  return (
    <ConsoleForm label={t.hours} className="panel editor" onSubmit={submit} form={editor}>
      <FieldGroup legend={t.hours}>
        <p className="field-hint">{t.hoursHint}</p>
        {draft.hours.map((h, i) => {
          const problem = (f: string) => editor.problems[`hours.${i}.${f}`];
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id until saved; their order is theirs
            <fieldset className="grid" key={i} aria-label={`${t.hours} ${i + 1}`}>
              <Field name={`hours.${i}.storeId`} label={t.where} problem={problem('storeId')}>
                {(props) => (
                  <select
                    {...props}
                    value={h.storeId ?? ''}
                    onChange={(e) => setHours(i, { storeId: e.target.value ? Number(e.target.value) : null })}
                  >
                    <option value="">{t.brand}</option>
                    {stores.data?.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field name={`hours.${i}.weekday`} label={t.weekday} problem={problem('weekday')}>
                {(props) => (
                  <select
                    {...props}
                    value={h.weekday}
                    onChange={(e) => setHours(i, { weekday: Number(e.target.value) })}
                  >
                    {days.map((day, d) => (
                      <option key={day} value={d}>
                        {day}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <Field name={`hours.${i}.opens`} label={t.opens} problem={problem('opens')}>
                {(props) => (
                  <input
                    {...props}
                    type="time"
                    value={h.opens}
                    onChange={(e) => setHours(i, { opens: e.target.value })}
                  />
                )}
              </Field>
              <Field
                name={`hours.${i}.closes`}
                label={t.closes}
                problem={problem('closes') ?? editor.problems[`hours.${i}`]}
              >
                {(props) => (
                  <input
                    {...props}
                    type="time"
                    value={h.closes}
                    onChange={(e) => setHours(i, { closes: e.target.value })}
                  />
                )}
              </Field>
              <button
                type="button"
                className="link"
                onClick={() => setDraft({ ...draft, hours: draft.hours.filter((_, j) => j !== i) })}
              >
                {t.remove}
              </button>
            </fieldset>
          );
        })}
        <button
          type="button"
          onClick={() =>
            setDraft({
              ...draft,
              hours: [...draft.hours, { storeId: null, weekday: 1, opens: '10:00', closes: '21:00' }],
            })
          }
        >
          {t.addHours}
        </button>
      </FieldGroup>
      <FieldGroup legend={t.texts}>
        {TEXTS.map((key) => (
          <Field key={key} name={key} label={t[key]} problem={editor.problems[key]}>
            {(props) => (
              <textarea
                {...props}
                value={draft[key]}
                onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
              />
            )}
          </Field>
        ))}
        <Field name="retentionDays" label={t.retentionDays} problem={editor.problems.retentionDays}>
          {(props) => (
            <input
              {...props}
              inputMode="numeric"
              value={draft.retentionDays}
              onChange={(e) => setDraft({ ...draft, retentionDays: e.target.value.replace(/\D/g, '') })}
            />
          )}
        </Field>
      </FieldGroup>
      <OtherFields problems={editor.problems} shown={shown} />
      <EditorActions
        form={editor}
        submit={t.save}
        cancel={t.cancel}
        onCancel={() => setDraft({ ...settings, retentionDays: String(settings.retentionDays) })}
      />
    </ConsoleForm>
  );
}

/** The business hours, texts and retention: for admins only, so only they ask for them. */
function HoursSection() {
  const t = useStore(chatSettingsMessages);
  const errors = useStore(errorMessages);
  const settings = useChatSettings();
  const [saved, setSaved] = useState(0);
  return (
    <section aria-labelledby="chat-hours-heading">
      <h2 id="chat-hours-heading">{t.hours}</h2>
      <Done>{saved > 0 && t.saved}</Done>
      {settings.error !== undefined && <Problem>{refusalText(errors, settings.error)}</Problem>}
      {!settings.data && !settings.error && <p className="status">{t.loading}</p>}
      {settings.data && (
        <SettingsForm
          key={saved}
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

/**
 * 聊天設定: the keyword replies and canned replies (marketers and admins), and for admins the business hours, the
 * away and "we will reply soon" texts and how long chat content is kept.
 */
export function ChatSettingsPage({ session }: { session: SessionResponse }) {
  const t = useStore(chatSettingsMessages);
  return (
    <section aria-labelledby="chat-settings-heading">
      <h1 id="chat-settings-heading">{t.heading}</h1>
      <ChatRulesSection canEdit={session.actions.includes('chat_rules.edit')} />
      <CannedRepliesSection />
      {session.actions.includes('chat_settings.edit') && <HoursSection />}
    </section>
  );
}
