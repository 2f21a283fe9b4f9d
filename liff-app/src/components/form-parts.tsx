import type { ReactNode } from 'react';

/** What went wrong with a form or a request, read out when it appears; nothing while all is well. */
export function Problem({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p className="form-error" role="alert">
      {children}
    </p>
  );
}

/** What a form just did (已儲存), read out politely; nothing until then. */
export function Done({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p className="notice" role="status">
      {children}
    </p>
  );
}

/**
 * A form's end: its `problem` if any, then the submit (disabled while `busy`, saying `busyLabel` then if given)
 * and, with `onCancel`, the way back. `inline`: the console's buttons, side by side; else full width.
 */
export function Actions({
  problem,
  submit,
  busy,
  busyLabel,
  cancel,
  onCancel,
  inline = false,
  children,
}: {
  problem?: ReactNode;
  submit: string;
  busy: boolean;
  busyLabel?: string;
  cancel?: string;
  onCancel?: () => void;
  inline?: boolean;
  children?: ReactNode;
}) {
  const kind = inline ? 'button inline' : 'button';
  return (
    <>
      <Problem>{problem}</Problem>
      <div className="row">
        <button type="submit" className={kind} disabled={busy}>
          {busy && busyLabel ? busyLabel : submit}
        </button>
        {children}
        {onCancel && (
          <button type="button" className={`${kind} secondary`} onClick={onCancel} disabled={busy && !inline}>
            {cancel}
          </button>
        )}
      </div>
    </>
  );
}
