/**
 * What can be wrong with a row of a members file, each with its own words for the admin who fixes the file: zh-TW
 * first, English second. The console and the error report show these words; the rows keep the codes.
 */
import { birthdayProblem, contactFieldProblems, normalisePhone } from '../member-fields.ts';
import { MAX_ADJUSTMENT } from '../points-adjustment.ts';
import type { FileRow } from './file-rows.ts';

export const ROW_PROBLEMS = {
  PHONE_INVALID: ['手機號碼須為 09 開頭的 10 位數字', 'The phone must be 10 digits starting with 09'],
  NAME_INVALID: ['姓名須為 1 到 50 個字', 'The name must be 1 to 50 characters'],
  BIRTHDAY_INVALID: [
    '生日須為存在的日期（YYYY-MM-DD 或 YYYY/MM/DD），不在未來',
    'The birthday must be a real date (YYYY-MM-DD or YYYY/MM/DD), not in the future',
  ],
  STORE_UNKNOWN: ['沒有這個門市代碼的營業中門市', 'No open store has this store code'],
  TIER_UNKNOWN: ['沒有這個等級', 'No tier has this code or name'],
  POINTS_INVALID: [
    `期初點數須為 0 到 ${MAX_ADJUSTMENT.toLocaleString('en')} 的整數`,
    `Opening points must be a whole number from 0 to ${MAX_ADJUSTMENT.toLocaleString('en')}`,
  ],
  PHONE_REPEATED: [
    '這個手機號碼在檔案前面已出現，只匯入第一次出現的那列',
    'This phone appears earlier in the file: only its first row is imported',
  ],
  PHONE_REGISTERED: [
    '這個手機號碼已是會員，未重複建立',
    'This phone is already a member: no second membership was made',
  ],
} as const satisfies Record<string, readonly [string, string]>;

export type RowProblem = keyof typeof ROW_PROBLEMS;

/** A row as it will be applied, with its problems (none: it can be imported). */
export interface CheckedRow {
  rowNo: number;
  phone: string;
  name: string;
  birthday: string | null;
  homeStoreId: number | null;
  homeStoreCode: string | null;
  openingPoints: number;
  tierCode: string | null;
  problems: RowProblem[];
}

/** The stores and tiers a row may name, and the phones already seen earlier in the file. */
export interface RowContext {
  storeIds: Map<string, number>;
  /** Tier codes and names (zh-TW and English) to their code. */
  tierCodes: Map<string, string>;
  seenPhones: Set<string>;
  today: Date;
}

export function checkRow({ rowNo, values }: FileRow, context: RowContext): CheckedRow {
  const problems: RowProblem[] = [];
  const phone = normalisePhone(values.phone);
  const contact = contactFieldProblems({ phone: values.phone, name: values.name });
  if (contact.phone) problems.push('PHONE_INVALID');
  else if (context.seenPhones.has(phone)) problems.push('PHONE_REPEATED');
  else context.seenPhones.add(phone);
  if (contact.name) problems.push('NAME_INVALID');
  const birthday = values.birthday === '' ? null : values.birthday.replaceAll('/', '-');
  if (birthday !== null && birthdayProblem(birthday, context.today)) problems.push('BIRTHDAY_INVALID');
  const homeStoreCode = values.homeStore === '' ? null : values.homeStore;
  const homeStoreId = homeStoreCode === null ? null : (context.storeIds.get(homeStoreCode) ?? null);
  if (homeStoreCode !== null && homeStoreId === null) problems.push('STORE_UNKNOWN');
  const tierCode = values.tier === '' ? null : (context.tierCodes.get(values.tier) ?? null);
  if (values.tier !== '' && tierCode === null) problems.push('TIER_UNKNOWN');
  const points = values.openingPoints.replaceAll(',', '');
  const openingPoints = points === '' ? 0 : /^\d+$/.test(points) ? Number(points) : -1;
  if (openingPoints < 0 || openingPoints > MAX_ADJUSTMENT) problems.push('POINTS_INVALID');
  return {
    rowNo,
    phone,
    name: values.name.trim(),
    birthday,
    homeStoreId,
    homeStoreCode,
    openingPoints: Math.max(openingPoints, 0),
    tierCode,
    problems,
  };
}

/** A row's problems in the reader's language, joined as that language joins a list. */
export const problemWords = (problems: readonly string[], language: 'zh' | 'en') =>
  problems
    .map((code) => ROW_PROBLEMS[code as RowProblem]?.[language === 'zh' ? 0 : 1] ?? code)
    .join(language === 'zh' ? '；' : '; ');
