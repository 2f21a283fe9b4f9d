import { type ReactNode, useState } from 'react';
import { Actions, Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import type { useStaffForm } from '../../../components/use-staff-form.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useStore } from '../../../lib/use-store.ts';

/** A console page's heading, with the page's one action (新增…) beside it when `add` names it. */
export function PageHead({
  id,
  heading,
  add,
}: {
  id?: string;
  heading: string;
  add?: { label: string; onClick: () => void } | false;
}) {
  return (
    <div className="page-head">
      <h1 id={id}>{heading}</h1>
      {add && (
        <button type="button" className="button inline" onClick={add.onClick}>
          {add.label}
        </button>
      )}
    </div>
  );
}

/**
 * What a console page edits: the row (null for a new one) while its editor is open, and what the last save said.
 * `done` closes the editor, says `message` and reloads the list.
 */
export function useEditing<Row>(reload: () => void) {
  const [editing, setEditing] = useState<{ row: Row | null } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return {
    editing,
    notice,
    setNotice,
    open: (row: Row | null) => setEditing({ row }),
    cancel: () => setEditing(null),
    done: (message: string) => {
      setEditing(null);
      setNotice(message);
      reload();
    },
  };
}

/**
 * A console list: why it could not load, `loading` until it has, `empty` when it has no rows, or the table.
 * `actions`: a last column for each row's buttons, named for screen readers.
 */
export function Listing<Row>({
  rows,
  error,
  loading,
  empty,
  columns,
  actions,
  className = 'table',
  children,
}: {
  rows: Row[] | undefined;
  error?: unknown;
  loading?: string;
  empty?: string;
  columns: string[];
  actions?: string | undefined;
  className?: string;
  children: (row: Row) => ReactNode;
}) {
  const errors = useStore(errorMessages);
  if (error) return <Problem>{refusalText(errors, error)}</Problem>;
  if (!rows) return loading ? <p className="status">{loading}</p> : null;
  if (rows.length === 0 && empty) return <p className="status">{empty}</p>;
  return (
    <table className={className}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column}>{column}</th>
          ))}
          {actions !== undefined && <th aria-label={actions || undefined} />}
        </tr>
      </thead>
      <tbody>{rows.map(children)}</tbody>
    </table>
  );
}

/** An editor's end (a store's, a staff member's): the refusal, save or create, and cancel, side by side. */
export function EditorActions({
  form: { failure, sending },
  submit,
  cancel,
  onCancel,
  children,
}: {
  form: ReturnType<typeof useStaffForm>;
  submit: string;
  cancel: string;
  onCancel: () => void;
  children?: ReactNode;
}) {
  return (
    <Actions problem={failure} inline submit={submit} busy={sending} cancel={cancel} onCancel={onCancel}>
      {children}
    </Actions>
  );
}
