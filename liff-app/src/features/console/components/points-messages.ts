import type { Static } from 'typebox';
import type { PointsSettings } from '../../../../../bot/schemas/points-settings-api.ts';
import { params } from '../../../lib/i18n.ts';
import { staffI18n } from '../../../lib/staff-i18n.ts';

export type Settings = Static<typeof PointsSettings>;
export type Rule = Settings['rules'][number];

export const pointsMessages = staffI18n('staffPoints', {
  heading: '點數規則',
  policy: '點數政策',
  spendPerPoint: '每消費多少元得 1 點（NT$）',
  pointValue: '折抵時 1 點抵多少元（NT$）',
  minRedeemPoints: '每次最少折抵點數',
  maxRedeemPercent: '點數最多可折抵消費的百分比',
  expiryReminderDays: '到期前幾天提醒會員（0 為不提醒）',
  expiry: params('點數效期：{when}'),
  endOfNextYear: '獲得點數的隔年 12 月 31 日到期',
  months: params('獲得後 {months} 個月到期'),
  savePolicy: '儲存政策',
  saved: '已儲存',
  rules: '加碼規則',
  howRulesCombine:
    '基本點數乘以會員等級倍數，再乘以符合條件的規則中「最高」的倍數（多個活動不會相乘）；每個符合規則的加贈點數會相加。',
  none: '目前沒有加碼規則。',
  name: '名稱',
  multiplier: '倍數（例如 2 為雙倍）',
  bonusPoints: '每筆加贈點數',
  minAmount: '消費滿（NT$）',
  weekdays: '星期（台北時間，不選為每天）',
  from: '開始日期（含）',
  until: '結束日期（含，當天 23:59 結束）',
  store: '門市',
  anyStore: '所有門市',
  channel: '通路',
  anyChannel: '所有通路',
  add: '新增規則',
  on: '啟用中',
  off: '已停用',
  turnOff: '停用',
  turnOn: '啟用',
  readOnly: '只有管理員可以修改點數規則。',
  status: '狀態',
  everyDay: '每天',
  daySeparator: '、',
  sun: '日',
  mon: '一',
  tue: '二',
  wed: '三',
  thu: '四',
  fri: '五',
  sat: '六',
});

/** The weekdays' names in the reader's language, Sunday first (0, as the server counts them). */
export const dayNames = (t: {
  sun: string;
  mon: string;
  tue: string;
  wed: string;
  thu: string;
  fri: string;
  sat: string;
}) => [t.sun, t.mon, t.tue, t.wed, t.thu, t.fri, t.sat];
