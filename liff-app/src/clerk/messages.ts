import { createI18n } from '@nanostores/i18n';
import { locale } from '../lib/i18n.ts';
import { params, staffI18n } from '../staff/i18n.ts';

export const clerkMessages = staffI18n('clerk', {
  title: '門市結帳',
  signInHeading: '店員登入',
  signOut: '登出',
  find: '找會員',
  codeOrPhone: '會員條碼號碼或手機號碼',
  codeOrPhoneHint: '掃描會員卡，或輸入條碼下方的號碼、會員的手機號碼',
  look: '查詢',
  balance: '點數',
  points: params('{points} 點'),
  price: '消費金額（NT$）',
  reference: '發票或收據號碼',
  redeem: '折抵點數（選填）',
  redeemHint: params('可折抵 {min}～{max} 點，1 點折 NT$ {value}'),
  redeemNone: params('消費金額需達 NT$ {price} 以上才能折抵'),
  toPay: params('應付 NT$ {amount}'),
  confirm: '確認結帳',
  saving: '處理中…',
  other: '換一位會員',
  done: '結帳完成',
  earned: params('獲得 {points} 點'),
  redeemed: params('折抵 {points} 點（NT$ {discount}）'),
  newBalance: params('目前點數 {points} 點'),
  upgraded: params('會員升級為 {tier}！'),
  next: '下一位客人',
  today: '今日交易',
  noneToday: '今天還沒有交易。',
  void: '作廢',
  voidConfirm: '確定作廢這筆交易？點數會退回或扣回。',
  voidYes: '確定作廢',
  cancel: '取消',
  voided: '已作廢',
  refund: '退貨',
  refundAmount: params('退款金額（最多 NT$ {max}）'),
  refundYes: '確定退貨',
  refunded: '已退貨',
  partly: '部分退貨',
  retrying: '網路不穩，重新送出時會沿用同一筆交易，不會重複給點。',
});

export const clerkErrors = staffI18n('clerkErrors', {
  MEMBER_NOT_FOUND: '找不到這個手機號碼的會員。',
  CARD_CODE_INVALID: '會員卡號碼無效或已過期，請會員重新開啟會員卡後再掃一次。',
  NOT_A_MEMBER: '這位會員已不存在。',
  REDEEM_BELOW_MIN: params('折抵點數至少 {minPoints} 點。'),
  REDEEM_OVER_LIMIT: params('這筆消費最多可折抵 {maxPoints} 點。'),
  POINTS_INSUFFICIENT: params('會員點數不足，目前 {balance} 點。'),
  IDEMPOTENCY_CONFLICT: '這筆交易已用不同內容送出過，請重新輸入。',
  NO_STORE: '請登出後選擇門市再登入，才能結帳。',
  VOID_TOO_LATE: '只能作廢今天的交易。',
  ALREADY_REFUNDED: '這筆交易已經退貨或作廢。',
  OTHER_STORE: '這筆交易屬於其他門市。',
  REFUND_AMOUNT_INVALID: '退款金額需為 1 以上、不超過尚未退款的金額。',
  FORBIDDEN: '只有店長可以作廢交易。',
  PHONE_INVALID: '手機號碼格式為 09 開頭共 10 碼。',
  PRICE_INVALID: '請輸入 1 以上的整數金額。',
  REFERENCE_INVALID: '請輸入發票或收據號碼（英數字，最多 40 字）。',
  POINTS_INVALID: '請輸入 0 以上的整數點數。',
  offline: '目前沒有網路連線，請連線後再試。',
  failed: '發生錯誤，請稍後再試。',
});

/**
 * The scanner's texts, zh-TW here and English in ./en.ts (loaded only for English); the camera's own are beside
 * it in scanner.tsx, which loads when the clerk first scans.
 */
export const clerkI18n = createI18n(locale, {
  baseLocale: 'zh-TW',
  get: async () => (await import('./en.ts')).clerkEn,
});

export const scanMessages = clerkI18n('clerkScanner', {
  scan: '掃描會員卡',
  noCamera: '這台裝置沒有可用的鏡頭，請輸入條碼下方的號碼或手機號碼。',
});
