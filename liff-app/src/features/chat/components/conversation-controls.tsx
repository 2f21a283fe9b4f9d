import { useState } from 'react';
import type { SessionResponse } from '../../../../../bot/schemas/staff-api.ts';
import { Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useStore } from '../../../lib/use-store.ts';
import { changeConversation } from '../api/conversations.ts';
import type { ConversationRow } from '../api/types.ts';
import { chatErrorMessages, conversationMessages, inboxMessages } from './messages.ts';

type Changes = Parameters<typeof changeConversation>[1];

/**
 * A conversation's status, mode (the product's keyword replies, or staff), assignee and store. `people`: whom it
 * may be assigned to besides this staff member (the staff list, for those who may read it).
 */
export function ConversationControls({
  session,
  row,
  people,
  onChanged,
}: {
  session: SessionResponse;
  row: ConversationRow;
  people: { id: number; displayName: string }[];
  onChanged: (row: ConversationRow) => void;
}) {
  const t = useStore(conversationMessages);
  const inbox = useStore(inboxMessages);
  const errors = useStore(errorMessages);
  const chatErrors = useStore(chatErrorMessages);
  const [problem, setProblem] = useState<string | null>(null);
  const me = session.staff;
  const assignable = [
    { id: me.id, displayName: t.me({ name: me.displayName }) },
    ...people.filter((person) => person.id !== me.id),
    ...(row.assignee && row.assignee.id !== me.id && !people.some((person) => person.id === row.assignee!.id)
      ? [row.assignee]
      : []),
  ];

  const change = async (changes: Changes) => {
    setProblem(null);
    try {
      onChanged(await changeConversation(row.id, changes));
    } catch (error) {
      setProblem(refusalText({ ...errors, ...chatErrors }, error));
    }
  };

  return (
    <fieldset className="chat-controls">
      <legend className="visually-hidden">{t.controls}</legend>
      <label>
        {inbox.status}
        <select
          value={row.status}
          onChange={(event) => void change({ status: event.target.value as ConversationRow['status'] })}
        >
          <option value="open">{inbox.open}</option>
          <option value="waiting">{inbox.waiting}</option>
          <option value="done">{inbox.done}</option>
        </select>
      </label>
      <label>
        {t.mode}
        <select
          value={row.mode}
          onChange={(event) => void change({ mode: event.target.value as ConversationRow['mode'] })}
        >
          <option value="staff">{t.staff}</option>
          <option value="bot">{t.bot}</option>
        </select>
      </label>
      <label>
        {t.assignee}
        <select
          value={row.assignee?.id ?? ''}
          onChange={(event) =>
            void change({ assigneeId: event.target.value ? Number(event.target.value) : null })
          }
        >
          <option value="">{t.unassigned}</option>
          {assignable.map((person) => (
            <option key={person.id} value={person.id}>
              {person.displayName}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.store}
        <select
          value={row.store?.id ?? ''}
          onChange={(event) =>
            void change({ storeId: event.target.value ? Number(event.target.value) : null })
          }
        >
          <option value="">{t.memberStore}</option>
          {session.stores.map((store) => (
            <option key={store.id} value={store.id}>
              {store.name}
            </option>
          ))}
        </select>
      </label>
      <Problem>{problem}</Problem>
    </fieldset>
  );
}
