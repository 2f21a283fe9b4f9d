import { type FormEvent, useState } from 'react';
import { fieldWith } from '../../../components/field.tsx';
import { Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { useStaffForm } from '../../../components/use-staff-form.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useStore } from '../../../lib/use-store.ts';
import {
  type CannedReply,
  deleteCannedReply,
  saveCannedReply,
  useCannedReplies,
} from '../api/chat-settings.ts';
import { chatSettingsFieldMessages, chatSettingsMessages } from './chat-settings-messages.ts';
import { ConsoleForm, OtherFields } from './console-form.tsx';
import { EditorActions } from './listing.tsx';

const Field = fieldWith(chatSettingsFieldMessages, 'canned');

function CannedForm({ reply, onDone }: { reply: CannedReply | null; onDone: () => void }) {
  const t = useStore(chatSettingsMessages);
  const [draft, setDraft] = useState({ title: reply?.title ?? '', text: reply?.text ?? '' });
  const editor = useStaffForm();
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (await editor.send(() => saveCannedReply(reply?.id ?? null, draft))) onDone();
  }
  return (
    <ConsoleForm label={t.canned} className="panel editor" onSubmit={submit} form={editor}>
      <Field name="title" label={t.title} problem={editor.problems.title}>
        {(props) => (
          <input
            {...props}
            value={draft.title}
            onChange={(e) => setDraft({ ...draft, title: e.target.value })}
          />
        )}
      </Field>
      <Field name="text" label={t.text} problem={editor.problems.text}>
        {(props) => (
          <textarea
            {...props}
            value={draft.text}
            onChange={(e) => setDraft({ ...draft, text: e.target.value })}
          />
        )}
      </Field>
      <OtherFields problems={editor.problems} shown={['title', 'text']} />
      <EditorActions form={editor} submit={t.save} cancel={t.cancel} onCancel={onDone} />
    </ConsoleForm>
  );
}

/** The composer's canned replies, written by marketers and admins. */
export function CannedRepliesSection() {
  const t = useStore(chatSettingsMessages);
  const errors = useStore(errorMessages);
  const replies = useCannedReplies();
  const [editing, setEditing] = useState<CannedReply | 'new' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const done = () => {
    setEditing(null);
    replies.reload();
  };
  async function remove(reply: CannedReply) {
    setFailure(null);
    try {
      await deleteCannedReply(reply.id);
      replies.reload();
    } catch (error) {
      setFailure(refusalText(errors, error));
    }
  }
  return (
    <section aria-labelledby="canned-heading">
      <h2 id="canned-heading">{t.canned}</h2>
      {failure && <Problem>{failure}</Problem>}
      {replies.error !== undefined && <Problem>{refusalText(errors, replies.error)}</Problem>}
      {replies.data?.length === 0 && <p className="status">{t.none}</p>}
      {replies.data && replies.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{t.title}</th>
              <th>{t.text}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {replies.data.map((reply) => (
              <tr key={reply.id}>
                <td>{reply.title}</td>
                <td>{reply.text}</td>
                <td>
                  <button type="button" className="link" onClick={() => setEditing(reply)}>
                    {t.edit}
                  </button>{' '}
                  <button type="button" className="link" onClick={() => void remove(reply)}>
                    {t.remove}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing === null && (
        <button type="button" onClick={() => setEditing('new')}>
          {t.add}
        </button>
      )}
      {editing !== null && (
        <CannedForm
          key={editing === 'new' ? 'new' : editing.id}
          reply={editing === 'new' ? null : editing}
          onDone={done}
        />
      )}
    </section>
  );
}
