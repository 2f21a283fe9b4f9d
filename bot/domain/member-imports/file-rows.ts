/**
 * Reading an uploaded members file: its bytes as text (UTF-8, or Big5 as Excel in Taiwan saves a CSV), its header
 * in English or zh-TW words, and each data row with its row number as a spreadsheet shows it (the header is row 1).
 * The parsing is csv-parse's: quoted fields, commas and line breaks in them, a byte-order mark.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { DomainError } from '../errors.ts';

export type ImportField = 'phone' | 'name' | 'birthday' | 'homeStore' | 'openingPoints' | 'tier';

/** Header words, compared without case, spaces, dashes and underscores. */
const headerWords: Record<string, ImportField> = {
  phone: 'phone',
  手機: 'phone',
  手機號碼: 'phone',
  name: 'name',
  姓名: 'name',
  birthday: 'birthday',
  生日: 'birthday',
  homestorecode: 'homeStore',
  homestore: 'homeStore',
  storecode: 'homeStore',
  常用門市: 'homeStore',
  openingpoints: 'openingPoints',
  期初點數: 'openingPoints',
  tiercode: 'tier',
  tier: 'tier',
  等級: 'tier',
};

export interface FileRow {
  rowNo: number;
  values: Record<ImportField, string>;
}

/** The largest file an upload takes: about 300,000 rows of the six columns. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;

function textOf(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('big5').decode(bytes);
  }
}

const refuse = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError('IMPORT_FILE_INVALID', message, details);

/** The file's data rows, keyed by field; a file without a usable header, or that is not CSV, is refused whole. */
export function fileRows(bytes: Buffer): FileRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(textOf(bytes), {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    throw refuse(`檔案不是可讀的 CSV：${error.message}`, { reason: error.code });
  }
  const [header, ...data] = records;
  if (!header) throw refuse('檔案是空的', { reason: 'EMPTY' });
  const fields = header.record.map((word) => headerWords[word.toLowerCase().replace(/[\s_-]+/g, '')]);
  const unknown = header.record.filter((_, i) => fields[i] === undefined);
  const missing = (['phone', 'name'] as const).filter((field) => !fields.includes(field));
  if (unknown.length > 0 || missing.length > 0)
    throw refuse(`欄位名稱不對：不認得 ${unknown.join('、') || '無'}，缺少 ${missing.join('、') || '無'}`, {
      reason: 'HEADER',
      unknown,
      missing,
    });
  return data.map(({ record, info }) => {
    const values = { phone: '', name: '', birthday: '', homeStore: '', openingPoints: '', tier: '' };
    fields.forEach((field, i) => {
      if (field) values[field] = record[i] ?? '';
    });
    return { rowNo: info.lines, values };
  });
}
