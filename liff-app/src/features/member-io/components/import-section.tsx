import { useEffect, useState } from 'react';
import { errorCode } from '../../../lib/api-client.ts';
import { useStore } from '../../../lib/use-store.ts';
import { errorReportUrl, getImport, type ImportView, runImport, uploadImport } from '../api/member-io.ts';
import { FirstRows, InvalidRows } from './import-preview.tsx';
import { memberIoMessages } from './member-io-messages.ts';

/** While an import runs, its progress is asked for this often. */
const PROGRESS_EVERY_MS = 1000;

/**
 * Upload a members file, read its preview (the first rows, every row with a problem), run it and watch it go. The
 * first rows show only before the run: the rows that went in keep no personal data once their members are made.
 */
export function ImportSection() {
  const t = useStore(memberIoMessages);
  const [upload, setUpload] = useState<ImportView | null>(null);
  const [state, setState] = useState<'idle' | 'checking' | 'refused' | 'failed'>('idle');

  useEffect(() => {
    if (upload?.status !== 'running') return;
    const timer = setTimeout(() => {
      getImport(upload.id).then(setUpload, () => setState('failed'));
    }, PROGRESS_EVERY_MS);
    return () => clearTimeout(timer);
  }, [upload]);

  async function choose(file: File | undefined) {
    if (!file) return;
    setState('checking');
    setUpload(null);
    try {
      setUpload(await uploadImport(file));
      setState('idle');
    } catch (error) {
      setState(errorCode(error) === 'IMPORT_FILE_INVALID' ? 'refused' : 'failed');
    }
  }

  const valid = upload ? upload.rows - upload.invalidRows : 0;
  return (
    <section className="panel" aria-labelledby="import-heading">
      <h2 id="import-heading">{t.importHeading}</h2>
      <div className="field">
        <label htmlFor="import-file">{t.file}</label>
        <input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby="import-hint"
          onChange={(e) => void choose(e.target.files?.[0])}
        />
        <p className="field-hint" id="import-hint">
          {t.importHint}
        </p>
      </div>
      {state === 'checking' && <p role="status">{t.checking}</p>}
      {state === 'refused' && (
        <p role="alert" className="form-error">
          {t.fileRefused}
        </p>
      )}
      {state === 'failed' && (
        <p role="alert" className="form-error">
          {t.failed}
        </p>
      )}
      {upload && (
        <>
          <p className={upload.invalidRows > 0 ? 'warning' : 'notice'}>
            {t.summary({ rows: upload.rows, invalid: upload.invalidRows, members: upload.alreadyMembers })}
          </p>
          {upload.status === 'previewed' && <FirstRows upload={upload} />}
          <InvalidRows upload={upload} />
          {upload.status === 'running' && (
            <div className="io-progress">
              <progress value={upload.processedRows} max={Math.max(valid, 1)} aria-label={t.run} />
              <p>{t.progress({ done: upload.processedRows, total: valid })}</p>
            </div>
          )}
          {upload.status === 'done' && (
            <p role="status" className="notice">
              {t.done({ imported: upload.importedRows, existing: upload.existingRows })}
            </p>
          )}
          <div className="row import-actions">
            {upload.status === 'previewed' && (
              <button
                type="button"
                className="button inline"
                onClick={() => runImport(upload.id).then(setUpload, () => setState('failed'))}
              >
                {t.run}
              </button>
            )}
            {(upload.invalidRows > 0 || upload.existingRows > 0) && (
              <a className="button secondary inline" href={errorReportUrl(upload.id)} download>
                {t.errorReport}
              </a>
            )}
          </div>
        </>
      )}
    </section>
  );
}
