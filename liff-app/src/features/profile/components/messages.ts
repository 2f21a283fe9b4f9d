import { i18n } from '../../../lib/i18n.ts';

export const profileMessages = i18n('profile', {
  heading: '會員資料',
  memberNumber: '會員編號',
  birthday: '生日',
  save: '儲存',
  saved: '已儲存',
  failed: '儲存失敗，請稍後再試。',
  data: '我的個人資料',
  download: '下載我的資料（JSON）',
  downloaded: '已下載',
  unbind: '解除 LINE 綁定',
  unbindExplain: '會員資格、點數與等級都會保留，可之後用手機號碼與生日重新綁定。',
  unbindConfirm: '確定解除綁定',
  remove: '刪除會員資格',
  removeExplain:
    '刪除後，您的姓名、手機、生日、電子郵件與 LINE 綁定都會清除，點數與等級一併失效，無法復原。為了會計需要，點數紀錄會保留，但不再連結您的姓名。',
  removeConfirm: '我了解，繼續',
  removeFinal: '最後確認：永久刪除我的會員資格',
  cancel: '取消',
});
