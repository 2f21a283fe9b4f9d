import { i18n } from '../lib/i18n.ts';

export const common = i18n('common', {
  title: '會員中心',
  loading: '載入中…',
  retry: '重試',
  noNetwork: '目前沒有網路連線，請連線後再試一次。',
  failed: '發生錯誤，請稍後再試。',
  reopen: '登入已逾時，請關閉後從 LINE 重新開啟會員中心。',
  card: '會員卡',
  points: '點數',
  tier: '等級',
  profile: '會員資料',
});
