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
  const [status, setStatus] = useState<{ text: string; failed: boolean } | null>(null);
  const [progress, setProgress] = useState<{ received: number; total: number } | null>(null);
  async function download(kind: (typeof kinds)[number][0]) {
    setStatus(null);
    try {
      const { blob, rows } = await downloadExport(kind, (received, total) =>
        setProgress({ received, total }),
      );
      save(blob, `${kind}.csv`);
      setStatus({ text: t.saved({ file: `${kind}.csv`, rows }), failed: false });
    } catch {
      setStatus({ text: t.failed, failed: true });
    } finally {
      setProgress(null);
    }
  }
  return (
    <section className="panel" aria-labelledby="export-heading">
      <h2 id="export-heading">{t.exportHeading}</h2>
      <div className="row">
        {kinds.map(([kind, label]) => (
          <button
            key={kind}
            type="button"
            className="button inline secondary"
            disabled={progress !== null}
            onClick={() => void download(kind)}
          >
            {t[label]}
          </button>
        ))}
      </div>
      {progress && (
        <div className="io-progress">
          <progress
            value={progress.received}
            max={Math.max(progress.total, 1)}
            aria-label={t.exportHeading}
          />
          <p>{t.received(progress)}</p>
        </div>
      )}
      {status && (
        <p role="status" className={status.failed ? 'form-error' : 'notice'}>
          {status.text}
        </p>
      )}
    </section>
  );
}
