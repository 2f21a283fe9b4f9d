import { params } from '../../../lib/i18n.ts';
import { staffI18n } from '../../../lib/staff-i18n.ts';

/** The import and export page in zh-TW (English: translations/staff-member-io-en.ts). */
export const memberIoMessages = staffI18n('staffMemberIo', {
  heading: '匯入與匯出',
  importHeading: '匯入門市會員',
  importHint:
    'CSV 檔，第一列為欄位名稱：手機、姓名、生日、常用門市、期初點數、等級（或 phone, name, birthday, home store code, opening points, tier code），最大 20 MB。',
  file: '選擇 CSV 檔',
  checking: '檢查中…',
  summary: params('共 {rows} 列：{invalid} 列有問題，{members} 列的手機已是會員（不會重複建立）'),
  firstRows: '前幾列',
  errorsHeading: '有問題的列（不會匯入）',
  row: '列',
  phone: '手機',
  name: '姓名',
  birthday: '生日',
  store: '常用門市',
  points: '期初點數',
  tier: '等級',
  problems: '問題',
  ok: '可匯入',
  run: '開始匯入',
  progress: params('已處理 {done} / {total} 列'),
  done: params('匯入完成：新增 {imported} 位會員，{existing} 位已是會員'),
  errorReport: '下載錯誤報告',
  exportHeading: '匯出 CSV',
  members: '匯出會員',
  ledger: '匯出點數紀錄',
  coupons: '匯出優惠券',
  received: params('已收到 {received} / {total} 列'),
  saved: params('已下載 {file}：{rows} 列'),
  failed: '無法完成，請稍後再試。',
  fileRefused: '這個檔案無法讀取：請確認是 CSV，且第一列的欄位名稱正確。',
});

/** Each problem a row can have, in the words the server's error report uses (bot/domain/member-imports). */
export const rowProblemMessages = staffI18n('staffImportProblems', {
  PHONE_INVALID: '手機號碼須為 09 開頭的 10 位數字',
  NAME_INVALID: '姓名須為 1 到 50 個字',
  BIRTHDAY_INVALID: '生日須為存在的日期（YYYY-MM-DD 或 YYYY/MM/DD），不在未來',
  STORE_UNKNOWN: '沒有這個門市代碼的營業中門市',
  TIER_UNKNOWN: '沒有這個等級',
  POINTS_INVALID: '期初點數須為 0 到 1,000,000 的整數',
  PHONE_REPEATED: '這個手機號碼在檔案前面已出現，只匯入第一次出現的那列',
  PHONE_REGISTERED: '這個手機號碼已是會員，未重複建立',
});
