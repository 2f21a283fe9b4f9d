import type { FormEvent, ReactNode } from 'react';
import { problemText } from '../../../components/field.tsx';
import { fieldMessages } from '../../../components/staff-messages.ts';
import type { useStaffForm } from '../../../components/use-staff-form.ts';
import { params } from '../../../lib/i18n.ts';
import { type RefusalTexts, refusalText } from '../../../lib/refusals.ts';
import { staffI18n } from '../../../lib/staff-i18n.ts';
import { useStore } from '../../../lib/use-store.ts';

export const otherFieldMessages = staffI18n('staffOtherFields', {
  problem: params('「{field}」：{problem}'),
});

/**
 * The server answers every field at once; those a form has no field for (one it does not take, UNKNOWN_FIELD, or
 * one it sends without showing) are listed here, above the buttons, so that no problem goes unsaid.
 */
export function OtherFields({
  problems,
  shown,
}: {
  problems: Record<string, string>;
  shown: readonly string[];
}) {
  const t = useStore(otherFieldMessages);
  const texts = useStore(fieldMessages);
  const others = Object.entries(problems).filter(([field]) => !shown.includes(field));
  if (others.length === 0) return null;
  return (
    <ul className="form-error other-fields" role="alert">
      {others.map(([field, code]) => (
        <li key={field}>{t.problem({ field, problem: problemText(texts, code) })}</li>
      ))}
    </ul>
  );
}

/**
 * A console form: not checked by the browser (the server answers every field at once, in the staff's words), and
 * forgetting a field's problem once it changes. `form`: its useStaffForm.
 */
export function ConsoleForm({
  label,
  className = 'panel',
  onSubmit,
  form,
  children,
}: {
  label: string;
  className?: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  form: { corrected: (event: FormEvent<HTMLFormElement>) => void };
  children: ReactNode;
}) {
  return (
    <form className={className} onSubmit={onSubmit} onChange={form.corrected} noValidate aria-label={label}>
      {children}
    </form>
  );
}

/** One named part of a long console form (a coupon's validity, its stores): a fieldset with its legend. */
export function FieldGroup({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset className="group">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

/**
 * Sends a console form's one request and answers what the server saved, or undefined when it refused: its fields'
 * problems go on the fields, and the refusal is told in `texts` (the page's own refusals beside every staff page's).
 */
export async function sendForm<T>(
  form: ReturnType<typeof useStaffForm>,
  texts: RefusalTexts,
  request: () => Promise<T>,
): Promise<T | undefined> {
  let saved: T | undefined;
  let refusal: unknown;
  const ok = await form.send(async () => {
    try {
      saved = await request();
    } catch (error) {
      refusal = error;
      throw error;
    }
  });
  if (!ok) form.setFailure(refusalText(texts, refusal));
  return ok ? saved : undefined;
}
