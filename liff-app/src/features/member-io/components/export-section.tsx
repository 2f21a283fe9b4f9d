import { useState } from 'react';
import { useStore } from '../../../lib/use-store.ts';
import { downloadExport } from '../api/member-io.ts';
import { memberIoMessages } from './member-io-messages.ts';

const kinds = [
  ['members', 'members'],
  ['points', 'ledger'],
  ['coupons', 'coupons'],
] as const;

/** Hands the browser a file to save, when it can (a test's page cannot). */
function save(blob: Blob, fileName: string) {
  if (typeof URL.createObjectURL !== 'function') return;
  const link = Object.assign(document.createElement('a'), {
    href: URL.createObjectURL(blob),
    download: fileName,
  });
  link.click();
  URL.revokeObjectURL(link.href);
}

/** The three exports: each streams, showing the rows received against the rows the server counted at the start. */
export function ExportSection() {
  const t = useStore(memberIoMessages);
  const [status, setStatus] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ received: number; total: number } | null>(null);
  async function download(kind: (typeof kinds)[number][0]) {
    setStatus(null);
    try {
      const { blob, rows } = await downloadExport(kind, (received, total) =>
        setProgress({ received, total }),
      );
      save(blob, `${kind}.csv`);
      setStatus(t.saved({ file: `${kind}.csv`, rows }));
    } catch {
      setStatus(t.failed);
    } finally {
      setProgress(null);
    }
  }
  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">{t.exportHeading}</h2>
      {kinds.map(([kind, label]) => (
        <button key={kind} type="button" disabled={progress !== null} onClick={() => void download(kind)}>
          {t[label]}
        </button>
      ))}
      {progress && (
        <p>
          <progress value={progress.received} max={progress.total} aria-label={t.exportHeading} />{' '}
          {t.received(progress)}
        </p>
      )}
      {status && <p role="status">{status}</p>}
    </section>
  );
}
