import { type FormEvent, useRef, useState } from 'react';
import { Actions, Done } from '../../../components/form-parts.tsx';
import { StaffField } from '../../../components/staff-field.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { useStaffForm } from '../../../components/use-staff-form.ts';
import { formatPoints } from '../../../lib/i18n.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useStore } from '../../../lib/use-store.ts';
import { addMemberNote, adjustPoints } from '../api/member-context.ts';
import { chatErrorMessages, memberPanelMessages } from './messages.ts';

/** Sends one of the panel's forms; its refusal is told in the chat's words beside every staff page's. */
function usePanelForm() {
  const form = useStaffForm();
  const errors = useStore(errorMessages);
  const chatErrors = useStore(chatErrorMessages);
  const [done, setDone] = useState<string | null>(null);
  const send = async (request: () => Promise<string>) => {
    setDone(null);
    let said = '';
    let refusal: unknown;
    const ok = await form.send(async () => {
      try {
        said = await request();
      } catch (error) {
        refusal = error;
        throw error;
      }
    });
    if (ok) setDone(said);
    else form.setFailure(refusalText({ ...errors, ...chatErrors }, refusal));
    return ok;
  };
  return { form, done, send };
}

/**
 * A note on the member, kept with who wrote it (member_note.edit). One requestId per note as typed, so a double
 * submit (or a retry after a lost answer) writes one note.
 */
export function NoteForm({ memberId, onAdded }: { memberId: number; onAdded: () => void }) {
  const t = useStore(memberPanelMessages);
  const { form, done, send } = usePanelForm();
  const [text, setText] = useState('');
  const request = useRef<{ key: string; id: string } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const typed = text.trim();
    if (request.current?.key !== typed) request.current = { key: typed, id: crypto.randomUUID() };
    const requestId = request.current.id;
    const ok = await send(async () => {
      await addMemberNote(memberId, { text: typed, requestId });
      return t.noteSaved;
    });
    if (!ok) return;
    request.current = null;
    setText('');
    onAdded();
  };
  return (
    <form aria-label={t.note} onSubmit={submit} onChange={form.corrected} noValidate>
      <StaffField name="text" label={t.note} problem={form.problems.text} idPrefix="chat-note">
        {(props) => (
          <textarea {...props} rows={2} value={text} onChange={(event) => setText(event.target.value)} />
        )}
      </StaffField>
      <Actions problem={form.failure} inline submit={t.addNote} busy={form.sending} />
      <Done>{done}</Done>
    </form>
  );
}

/**
 * Gives or takes points with a reason (points.adjust, audited). One requestId per adjustment as typed, so a double
 * click adjusts once.
 */
export function PointsAdjustment({ memberId, onAdjusted }: { memberId: number; onAdjusted: () => void }) {
  const t = useStore(memberPanelMessages);
  const { form, done, send } = usePanelForm();
  const [points, setPoints] = useState('');
  const [reason, setReason] = useState('');
  const request = useRef<{ key: string; id: string } | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const key = `${points}:${reason}`;
    if (request.current?.key !== key) request.current = { key, id: crypto.randomUUID() };
    const requestId = request.current.id;
    const ok = await send(async () => {
      const { balance } = await adjustPoints(memberId, {
        points: Number(points),
        reason: reason.trim(),
        requestId,
      });
      return t.adjusted({ points: formatPoints(balance) });
    });
    if (!ok) return;
    request.current = null;
    setPoints('');
    setReason('');
    onAdjusted();
  };
  return (
    <form aria-label={t.adjust} onSubmit={submit} onChange={form.corrected} noValidate>
      <StaffField name="points" label={t.adjustPoints} problem={form.problems.points} idPrefix="chat-adjust">
        {(props) => (
          <input
            {...props}
            inputMode="numeric"
            value={points}
            onChange={(event) => setPoints(event.target.value.replace(/[^\d-]/g, ''))}
          />
        )}
      </StaffField>
      <StaffField name="reason" label={t.reason} problem={form.problems.reason} idPrefix="chat-adjust">
        {(props) => (
          <input
            {...props}
            maxLength={200}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        )}
      </StaffField>
      <Actions problem={form.failure} inline submit={t.adjustSubmit} busy={form.sending} />
      <Done>{done}</Done>
    </form>
  );
}
