import { params } from '../lib/i18n.ts';
import { staffI18n } from '../lib/staff-i18n.ts';

/** Every staff API error code, and the field problems, in the staff's words. */
export const errorMessages = staffI18n('staffErrors', {
  SIGN_IN_FAILED: '帳號或密碼錯誤。',
  ACCOUNT_LOCKED: params('密碼錯誤次數過多，帳號已鎖定，請於 {time}（台北時間）後再試，或請管理員解鎖。'),
  TOO_MANY_ATTEMPTS: params('這台裝置登入嘗試次數過多，請 {minutes} 分鐘後再試。'),
  ACCOUNT_INACTIVE: '此帳號已停用，請洽管理員。',
  NO_STORES: '您尚未被指派到任何營業中的門市，請洽管理員。',
  STORE_REQUIRED: '請選擇今天工作的門市。',
  STORE_NOT_ALLOWED: '您無法在這家門市登入。',
  NOT_SIGNED_IN: '登入已逾時，請重新登入。',
  FORBIDDEN: '您的角色無法進行這項操作。',
  CSRF: '頁面已過期，請重新整理後再試。',
  USERNAME_TAKEN: '這個帳號已有人使用。',
  STORE_CODE_TAKEN: '這個門市代碼已有門市使用。',
  LAST_ADMIN: '至少需要保留一位啟用中的管理員。',
  STAFF_NOT_FOUND: '找不到這位員工。',
  STORE_NOT_FOUND: '找不到這家門市。',
  INVALID_FIELDS: '請修正標示的欄位。',
  offline: '目前沒有網路連線，請連線後再試。',
  failed: '發生錯誤，請稍後再試。',
});

export const fieldMessages = staffI18n('staffFields', {
  REQUIRED: '此欄位為必填',
  USERNAME_INVALID: '帳號需 3 至 32 個英文小寫、數字或 . _ -',
  NAME_INVALID: '請輸入 1 至 50 個字',
  PASSWORD_WEAK: '密碼至少需要 10 個字元',
  PASSWORD_TOO_LONG: '密碼最多 200 個字元',
  STORES_REQUIRED: '店員與店長至少需要一家門市',
  STORE_INVALID: '請選擇存在的門市',
  STORE_CODE_INVALID: '門市代碼需 2 至 16 個英文大寫、數字或 -',
  ADDRESS_INVALID: '地址最多 200 個字',
  ROLE_INVALID: '請選擇角色',
  UNKNOWN_FIELD: '伺服器不接受這個欄位',
  RULE_DOES_NOTHING: '倍數大於 1 或加贈點數大於 0，規則才有作用',
  PERCENT_INVALID: '請輸入 0 至 100 的百分比',
  MULTIPLIER_INVALID: '倍數需介於 1 至 10',
  WEEKDAYS_INVALID: '請選擇星期',
  ENDS_BEFORE_START: '結束日期需在開始日期之後',
  NUMBER_INVALID: '請輸入有效的數字',
  INVALID: '格式不正確',
});

export const roleMessages = staffI18n('staffRoles', {
  clerk: '店員',
  store_manager: '店長',
  marketer: '行銷',
  admin: '管理員',
});
