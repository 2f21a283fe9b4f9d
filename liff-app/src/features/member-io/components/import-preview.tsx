import { useStore } from '../../../lib/use-store.ts';
import type { ImportView } from '../api/member-io.ts';
import { memberIoMessages, rowProblemMessages } from './member-io-messages.ts';

/** A row's problems in the reader's words, one after another. */
function useProblemWords() {
  const words = useStore(rowProblemMessages);
  return (codes: string[]) => codes.map((code) => words[code as keyof typeof words] ?? code).join('；');
}

/** The file's first rows as read, each row that cannot go in marked, its problems in the danger colour. */
export function FirstRows({ upload }: { upload: ImportView }) {
  const t = useStore(memberIoMessages);
  const problemsOf = useProblemWords();
  const columns = [t.row, t.phone, t.name, t.birthday, t.store, t.points, t.tier, t.problems];
  return (
    <>
      <h3>{t.firstRows}</h3>
      <table className="table import-rows" aria-label={t.firstRows}>
        <thead>
          <tr>
            {columns.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {upload.firstRows.map((row) => {
            const cells = [
              row.rowNo,
              row.phone,
              row.name,
              row.birthday,
              row.homeStoreCode,
              row.openingPoints,
            ];
            return (
              <tr key={row.rowNo} className={row.problems.length > 0 ? 'invalid' : undefined}>
                {[...cells, row.tierCode].map((cell, i) => (
                  <td key={columns[i]} data-label={columns[i]}>
                    {cell}
                  </td>
                ))}
                {row.problems.length > 0 ? (
                  <td data-label={t.problems} className="problem">
                    {problemsOf(row.problems)}
                  </td>
                ) : (
                  <td data-label={t.problems}>
                    <span className="tag on">{t.ok}</span>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** Every row that will not go in, with its problems: what the error report holds. */
export function InvalidRows({ upload }: { upload: ImportView }) {
  const t = useStore(memberIoMessages);
  const problemsOf = useProblemWords();
  if (upload.invalid.length === 0) return null;
  return (
    <>
      <h3>{t.errorsHeading}</h3>
      <table className="table import-rows" aria-label={t.errorsHeading}>
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
            <tr key={row.rowNo} className="invalid">
              <td data-label={t.row}>{row.rowNo}</td>
              <td data-label={t.phone}>{row.phone}</td>
              <td data-label={t.name}>{row.name}</td>
              <td data-label={t.problems} className="problem">
                {problemsOf(row.problems)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
