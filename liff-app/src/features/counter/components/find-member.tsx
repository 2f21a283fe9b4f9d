import { type FormEvent, lazy, Suspense, useCallback, useState } from 'react';
import { Actions } from '../../../components/form-parts.tsx';
import { useStore } from '../../../lib/use-store.ts';
import { type Found, lookupMember } from '../api/member-lookups.ts';
import type { ScanInLine } from '../scanner/line-scanner.ts';
import { CounterField } from './counter-field.tsx';
import { counterMessages, scanMessages } from './messages.ts';
import { problemOf } from './problem.ts';

const PHONE = /^09\d{8}$/;
/** A card's code is 18 characters (ADR 6); anything shorter that is not a phone number is a member number. */
const CARD_CODE_LENGTH = 18;

const queryFor = (typed: string) =>
  PHONE.test(typed)
    ? { phone: typed }
    : typed.length < CARD_CODE_LENGTH
      ? { memberNumber: typed.toUpperCase() }
      : { code: typed };

// The camera and what reads it load when the clerk first scans: the page opens without them.
const Scanner = lazy(() => import('./scanner.tsx'));

/** True when the browser can show a camera (it needs HTTPS, or localhost). */
const hasCamera = () => Boolean(navigator.mediaDevices?.getUserMedia);

/**
 * Finds the member at the counter by their card's code, scanned (LINE's scanner inside LINE, else the camera)
 * or typed, or by their phone or member number, which can always be typed (these earn points, spend none).
 */
export function FindMember({
  onFound,
  scanInLine,
}: {
  onFound: (found: Found) => void;
  scanInLine: ScanInLine | null;
}) {
  const t = useStore(counterMessages);
  const s = useStore(scanMessages);
  const [query, setQuery] = useState('');
  const [scanning, setScanning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const canScan = scanInLine !== null || hasCamera();

  const look = useCallback(
    async (value: string) => {
      const typed = value.replace(/[\s-]/g, '');
      if (!typed) return;
      setBusy(true);
      setProblem(null);
      try {
        onFound(await lookupMember(queryFor(typed)));
      } catch (error) {
        setProblem(problemOf(error).message);
      } finally {
        setBusy(false);
      }
    },
    [onFound],
  );
  const scanned = useCallback(
    (code: string) => {
      setScanning(false);
      setQuery(code);
      void look(code);
    },
    [look],
  );
  const scan = async () => {
    if (!scanInLine) return setScanning(true);
    try {
      const code = await scanInLine();
      if (code) scanned(code); // none: the clerk closed LINE's scanner, back to this page as it was
    } catch {
      setScanning(true); // LINE's scanner did not open: the page's own camera instead
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void look(query);
  };
  return (
    <section className="panel" aria-label={t.find}>
      <h1>{t.find}</h1>
      {scanning ? (
        <Suspense>
          <Scanner onCode={scanned} onClose={() => setScanning(false)} />
        </Suspense>
      ) : (
        <button type="button" className="button scan" onClick={() => void scan()} disabled={!canScan}>
          {s.scan}
        </button>
      )}
      <form onSubmit={submit} noValidate>
        <CounterField name="member" label={t.codeOrPhone} hint={canScan ? t.codeOrPhoneHint : s.noCamera}>
          {(props) => (
            <input
              {...props}
              aria-invalid={!!problem}
              inputMode="text"
              autoComplete="off"
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
                setProblem(null); // a corrected number is not still "not found"
              }}
            />
          )}
        </CounterField>
        <Actions problem={problem} submit={t.look} busy={busy} />
      </form>
    </section>
  );
}
