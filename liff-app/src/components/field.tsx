import type { ReadableAtom } from 'nanostores';
import type { ReactNode } from 'react';
import { useStore } from '../lib/use-store.ts';

/** A page's field problem texts: one per code, and INVALID for a code it does not know. */
export type FieldTexts = ReadableAtom<{ INVALID: string }>;

/** A problem code (the server's INVALID_FIELDS or the form's own check) in the reader's words. */
export const problemText = (texts: { INVALID: string }, code: string) =>
  (texts as unknown as Record<string, string>)[code] ?? texts.INVALID;

export interface FieldProps {
  name: string;
  label: string;
  /** A problem code; shown in place of the hint while there is one. */
  problem?: string | undefined;
  hint?: string | undefined;
  /** Where one form shows more than once on a page (an approval per purchase): ids of its own. */
  idPrefix?: string;
  children: (props: {
    id: string;
    name: string;
    'aria-invalid': boolean;
    'aria-describedby'?: string;
  }) => ReactNode;
}

/**
 * The one form field of every page: a label, the control (`children` gets its id and ARIA), and under it the
 * problem in the page's words, or the hint. `texts`: the page's field problem texts; `idPrefix` keeps ids apart
 * where two forms share a page.
 */
export function fieldWith(texts: FieldTexts, idPrefix: string) {
  return function Field({ name, label, problem, hint, idPrefix: own, children }: FieldProps) {
    const t = useStore(texts);
    const id = `${own ?? idPrefix}-${name}`;
    const described = problem ? `${id}-error` : hint ? `${id}-hint` : undefined;
    return (
      <div className="field">
        <label htmlFor={id}>{label}</label>
        {children({
          id,
          name,
          'aria-invalid': !!problem,
          ...(described && { 'aria-describedby': described }),
        })}
        {problem ? (
          <p className="field-error" id={`${id}-error`}>
            {problemText(t, problem)}
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
  };
}
