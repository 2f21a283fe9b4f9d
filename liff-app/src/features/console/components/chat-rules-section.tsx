import { type FormEvent, useState } from 'react';
import { fieldWith } from '../../../components/field.tsx';
import { Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { useStaffForm } from '../../../components/use-staff-form.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useStore } from '../../../lib/use-store.ts';
import { type ChatRule, deleteChatRule, saveChatRule, useChatRules } from '../api/chat-settings.ts';
import { chatSettingsFieldMessages, chatSettingsMessages } from './chat-settings-messages.ts';
import { ConsoleForm, OtherFields } from './console-form.tsx';
import { EditorActions } from './listing.tsx';

const Field = fieldWith(chatSettingsFieldMessages, 'chat-rule');
type Kind = 'text' | 'card' | 'points' | 'coupons';
const shown = ['keywords', 'match', 'reply', 'reply.zh', 'reply.en', 'enabled', 'position'];

interface Draft {
  keywords: string;
  match: 'exact' | 'contains';
  kind: Kind;
  zh: string;
  en: string;
  enabled: boolean;
  position: string;
}
const blank: Draft = {
  keywords: '',
  match: 'exact',
  kind: 'text',
  zh: '',
  en: '',
  enabled: true,
  position: '',
};
const draftOf = (r: ChatRule): Draft => ({
  keywords: r.keywords.join(', '),
  match: r.match,
  kind: r.reply.kind,
  zh: r.reply.kind === 'text' ? r.reply.zh : '',
  en: r.reply.kind === 'text' ? r.reply.en : '',
  enabled: r.enabled,
  position: String(r.position),
});
const bodyOf = (d: Draft) => ({
  keywords: d.keywords.split(/[,，、]/).filter((k) => k.trim() !== ''),
  match: d.match,
  reply: d.kind === 'text' ? { kind: 'text', zh: d.zh, en: d.en } : { kind: d.kind },
  enabled: d.enabled,
  ...(d.position.trim() !== '' && { position: Number(d.position) }),
});

function RuleForm({ rule, onDone }: { rule: ChatRule | null; onDone: () => void }) {
  const t = useStore(chatSettingsMessages);
  const [draft, setDraft] = useState(() => (rule ? draftOf(rule) : blank));
  const editor = useStaffForm();
  const set = (fields: Partial<Draft>) => setDraft({ ...draft, ...fields });
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (await editor.send(() => saveChatRule(rule?.id ?? null, bodyOf(draft)))) onDone();
  }
  const kinds: [Kind, string][] = [
    ['text', t.replyText],
    ['card', t.replyCard],
    ['points', t.replyPoints],
    ['coupons', t.replyCoupons],
  ];
  return (
    <ConsoleForm label={t.rules} className="panel editor" onSubmit={submit} form={editor}>
      <Field name="keywords" label={t.keywords} problem={editor.problems.keywords}>
        {(props) => (
          <input {...props} value={draft.keywords} onChange={(e) => set({ keywords: e.target.value })} />
        )}
      </Field>
      <div className="grid">
        <Field name="match" label={t.match} problem={editor.problems.match}>
          {(props) => (
            <select
              {...props}
              value={draft.match}
              onChange={(e) => set({ match: e.target.value as Draft['match'] })}
            >
              <option value="exact">{t.exact}</option>
              <option value="contains">{t.contains}</option>
            </select>
          )}
        </Field>
        <Field name="reply" label={t.reply} problem={editor.problems.reply}>
          {(props) => (
            <select {...props} value={draft.kind} onChange={(e) => set({ kind: e.target.value as Kind })}>
              {kinds.map(([kind, label]) => (
                <option key={kind} value={kind}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {draft.kind === 'text' && (
        <>
          <Field name="reply.zh" label={t.zh} problem={editor.problems['reply.zh']}>
            {(props) => (
              <textarea {...props} value={draft.zh} onChange={(e) => set({ zh: e.target.value })} />
            )}
          </Field>
          <Field name="reply.en" label={t.en} problem={editor.problems['reply.en']}>
            {(props) => (
              <textarea {...props} value={draft.en} onChange={(e) => set({ en: e.target.value })} />
            )}
          </Field>
        </>
      )}
      <div className="grid">
        <Field name="position" label={t.position} problem={editor.problems.position}>
          {(props) => (
            <input
              {...props}
              inputMode="numeric"
              value={draft.position}
              onChange={(e) => set({ position: e.target.value.replace(/\D/g, '') })}
            />
          )}
        </Field>
        <label className="check">
          <input
            type="checkbox"
            checked={draft.enabled}
            onChange={(e) => set({ enabled: e.target.checked })}
          />
          {t.enabled}
        </label>
      </div>
      <OtherFields problems={editor.problems} shown={shown} />
      <EditorActions form={editor} submit={t.save} cancel={t.cancel} onCancel={onDone} />
    </ConsoleForm>
  );
}

/** The keyword replies: listed for all who open the page, edited by marketers and admins. */
export function ChatRulesSection({ canEdit }: { canEdit: boolean }) {
  const t = useStore(chatSettingsMessages);
  const errors = useStore(errorMessages);
  const rules = useChatRules();
  const [editing, setEditing] = useState<ChatRule | 'new' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const replyWords = { card: t.replyCard, points: t.replyPoints, coupons: t.replyCoupons };
  const done = () => {
    setEditing(null);
    rules.reload();
  };
  async function remove(rule: ChatRule) {
    setFailure(null);
    try {
      await deleteChatRule(rule.id);
      rules.reload();
    } catch (error) {
      setFailure(refusalText(errors, error));
    }
  }
  return (
    <section aria-labelledby="chat-rules-heading">
      <h2 id="chat-rules-heading">{t.rules}</h2>
      <p className="field-hint">{t.rulesHint}</p>
      {failure && <Problem>{failure}</Problem>}
      {rules.error !== undefined && <Problem>{refusalText(errors, rules.error)}</Problem>}
      {rules.data?.length === 0 && <p className="status">{t.none}</p>}
      {rules.data && rules.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t.keywords}</th>
              <th>{t.match}</th>
              <th>{t.reply}</th>
              <th>{t.enabled}</th>
              {canEdit && <th />}
            </tr>
          </thead>
          <tbody>
            {rules.data.map((rule) => (
              <tr key={rule.id}>
                <td>{rule.keywords.join('、')}</td>
                <td>{rule.match === 'exact' ? t.exact : t.contains}</td>
                <td>{rule.reply.kind === 'text' ? rule.reply.zh : replyWords[rule.reply.kind]}</td>
                <td>{rule.enabled ? t.on : t.off}</td>
                {canEdit && (
                  <td>
                    <button type="button" className="link" onClick={() => setEditing(rule)}>
                      {t.edit}
                    </button>{' '}
                    <button type="button" className="link" onClick={() => void remove(rule)}>
                      {t.remove}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canEdit && editing === null && (
        <button type="button" onClick={() => setEditing('new')}>
          {t.add}
        </button>
      )}
      {editing !== null && (
        <RuleForm
          key={editing === 'new' ? 'new' : editing.id}
          rule={editing === 'new' ? null : editing}
          onDone={done}
        />
      )}
    </section>
  );
}
