import type { ReactNode } from 'react';
import { useStore } from '../lib/use-store.ts';
import { fieldMessage, fieldMessages } from './field-messages.ts';

/** A labelled form field with its own error message under it. */
export function Field({
  name,
  label,
  problem,
  children,
}: {
  name: string;
  label: string;
  problem?: string | undefined;
  children: (props: {
    id: string;
    name: string;
    'aria-invalid': boolean;
    'aria-describedby'?: string;
  }) => ReactNode;
}) {
  const t = useStore(fieldMessages);
  const id = `field-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        name,
        'aria-invalid': !!problem,
        ...(problem && { 'aria-describedby': `${id}-error` }),
      })}
      {problem && (
        <p className="field-error" id={`${id}-error`}>
          {fieldMessage(t, problem)}
        </p>
      )}
    </div>
  );
}
