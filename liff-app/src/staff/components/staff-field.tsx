import type { ReactNode } from 'react';
import { useStore } from '../../lib/use-store.ts';
import { fieldMessages, fieldText } from '../messages.ts';

/** A labelled field with its problem (a field code from the server or the form) under it. */
export function StaffField({
  name,
  label,
  problem,
  hint,
  children,
}: {
  name: string;
  label: string;
  problem?: string | undefined;
  hint?: string;
  children: (props: {
    id: string;
    name: string;
    'aria-invalid': boolean;
    'aria-describedby'?: string;
  }) => ReactNode;
}) {
  const t = useStore(fieldMessages);
  const id = `staff-${name}`;
  const described = problem ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, name, 'aria-invalid': !!problem, ...(described && { 'aria-describedby': described }) })}
      {problem ? (
        <p className="field-error" id={`${id}-error`}>
          {fieldText(t, problem)}
        </p>
      ) : (
        hint && (
          <p className="field-hint" id={`${id}-hint`}>
            {hint}
          </p>
        )
      )}
    </div>
  );
}
