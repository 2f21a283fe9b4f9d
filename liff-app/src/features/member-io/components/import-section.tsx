import { useEffect, useState } from 'react';
import { errorCode } from '../../../lib/api-client.ts';
import { useStore } from '../../../lib/use-store.ts';
import { errorReportUrl, getImport, type ImportView, runImport, uploadImport } from '../api/member-io.ts';
import { memberIoMessages, rowProblemMessages } from './member-io-messages.ts';

/** While an import runs, its progress is asked for this often. */
const PROGRESS_EVERY_MS = 1000;

/** Upload a members file, read its preview (the first rows, every row with a problem), run it and watch it go. */
export function ImportSection() {
  const t = useStore(memberIoMessages);
  const words = useStore(rowProblemMessages);
  const [upload, setUpload] = useState<ImportView | null>(null);
  const [state, setState] = useState<'idle' | 'checking' | 'refused' | 'failed'>('idle');
  const problemsOf = (codes: string[]) =>
    codes.map((code) => words[code as keyof typeof words] ?? code).join('；');

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
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">{t.importHeading}</h2>
      <p>{t.importHint}</p>
      <label>
        {t.file}
        <input type="file" accept=".csv,text/csv" onChange={(e) => void choose(e.target.files?.[0])} />
      </label>
      {state === 'checking' && <p role="status">{t.checking}</p>}
      {state === 'refused' && <p role="alert">{t.fileRefused}</p>}
      {state === 'failed' && <p role="alert">{t.failed}</p>}
      {upload && (
        <>
          <p>
            {t.summary({ rows: upload.rows, invalid: upload.invalidRows, members: upload.alreadyMembers })}
          </p>
          <table aria-label={t.firstRows}>
            <caption>{t.firstRows}</caption>
            <thead>
              <tr>
                {[t.row, t.phone, t.name, t.birthday, t.store, t.points, t.tier, t.problems].map((h) => (
                  <th key={h}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {upload.firstRows.map((row) => (
                <tr key={row.rowNo}>
                  <td>{row.rowNo}</td>
                  <td>{row.phone}</td>
                  <td>{row.name}</td>
                  <td>{row.birthday}</td>
                  <td>{row.homeStoreCode}</td>
                  <td>{row.openingPoints}</td>
                  <td>{row.tierCode}</td>
                  <td>{row.problems.length > 0 ? problemsOf(row.problems) : t.ok}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {upload.invalid.length > 0 && (
            <table aria-label={t.errorsHeading}>
              <caption>{t.errorsHeading}</caption>
              <thead>
                <tr>
                  <th>{t.row}</th>
                  <th>{t.phone}</th>
                  <th>{t.name}</th>
                  <th>{t.problems}</th>
                </tr>
              </thead>
              <tbody>
                {upload.invalid.map((row) => (
                  <tr key={row.rowNo}>
                    <td>{row.rowNo}</td>
                    <td>{row.phone}</td>
                    <td>{row.name}</td>
                    <td>{problemsOf(row.problems)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {upload.status === 'previewed' && (
            <button
              type="button"
              onClick={() => runImport(upload.id).then(setUpload, () => setState('failed'))}
            >
              {t.run}
            </button>
          )}
          {upload.status === 'running' && (
            <p>
              <progress value={upload.processedRows} max={valid} aria-label={t.run} />{' '}
              {t.progress({ done: upload.processedRows, total: valid })}
            </p>
          )}
          {upload.status === 'done' && (
            <p role="status">{t.done({ imported: upload.importedRows, existing: upload.existingRows })}</p>
          )}
          {(upload.invalidRows > 0 || upload.existingRows > 0) && (
            <a href={errorReportUrl(upload.id)} download>
              {t.errorReport}
            </a>
          )}
        </>
      )}
    </section>
  );
}
