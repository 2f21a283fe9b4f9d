import { i18n } from '../lib/i18n.ts';

/** One message per FieldProblem code (bot/schemas/liff-api.ts), plus the few the server adds. */
export const fieldMessages = i18n('fields', {
  REQUIRED: '此欄位為必填',
  PHONE_INVALID: '請輸入 09 開頭的 10 位手機號碼',
  PHONE_REGISTERED: '這個手機號碼已登記在其他會員資料，如有疑問請洽門市',
  NAME_INVALID: '請輸入姓名（1 至 50 個字）',
  BIRTHDAY_INVALID: '請輸入正確的生日',
  BIRTHDAY_LOCKED: '生日設定後無法修改',
  EMAIL_INVALID: '電子郵件格式不正確',
  GENDER_INVALID: '請選擇性別',
  STORE_INVALID: '請選擇常用門市',
  CONSENT_REQUIRED: '請閱讀並同意會員條款與隱私權政策',
  TERMS_OUTDATED: '條款已更新，請重新閱讀並同意',
  BIRTHDAY_OR_CODE: '請輸入生日或綁定碼其中一項',
  CLAIM_CODE_INVALID: '請輸入 8 位數字的綁定碼',
  INVALID: '格式不正確',
});
