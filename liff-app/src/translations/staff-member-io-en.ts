import type { ComponentsJSON } from '@nanostores/i18n';

/** The console's import and export page in English (features/member-io). */
export const staffMemberIoEn = {
  staffMemberIo: {
    heading: 'Import and export',
    importHeading: 'Import in-store members',
    importHint:
      'A CSV file whose first row names the columns: phone, name, birthday, home store code, opening points, tier code (or 手機, 姓名, 生日, 常用門市, 期初點數, 等級); 20 MB at most.',
    file: 'Choose a CSV file',
    checking: 'Checking…',
    summary:
      '{rows} rows: {invalid} with problems, {members} whose phone is a member already (not made twice)',
    firstRows: 'First rows',
    errorsHeading: 'Rows with problems (not imported)',
    row: 'Row',
    phone: 'Phone',
    name: 'Name',
    birthday: 'Birthday',
    store: 'Home store',
    points: 'Opening points',
    tier: 'Tier',
    problems: 'Problems',
    ok: 'Can be imported',
    run: 'Import',
    progress: '{done} of {total} rows done',
    done: 'Import finished: {imported} new members, {existing} were members already',
    errorReport: 'Download the error report',
    exportHeading: 'Export as CSV',
    members: 'Export members',
    ledger: 'Export the points history',
    coupons: 'Export coupons',
    received: '{received} of {total} rows received',
    saved: 'Downloaded {file}: {rows} rows',
    failed: 'This could not be finished. Please try again later.',
    fileRefused:
      'This file cannot be read: check that it is a CSV file and that its first row names the columns.',
  },
  staffImportProblems: {
    PHONE_INVALID: 'The phone must be 10 digits starting with 09',
    NAME_INVALID: 'The name must be 1 to 50 characters',
    BIRTHDAY_INVALID: 'The birthday must be a real date (YYYY-MM-DD or YYYY/MM/DD), not in the future',
    STORE_UNKNOWN: 'No open store has this store code',
    TIER_UNKNOWN: 'No tier has this code or name',
    POINTS_INVALID: 'Opening points must be a whole number from 0 to 1,000,000',
    PHONE_REPEATED: 'This phone appears earlier in the file: only its first row is imported',
    PHONE_REGISTERED: 'This phone is already a member: no second membership was made',
  },
} satisfies ComponentsJSON;
