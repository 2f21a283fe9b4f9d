import { useEffect, useState } from 'react';
import { params } from '../../../lib/i18n.ts';
import { staffI18n } from '../../../lib/staff-i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import { getLineDelivery } from '../api/line-delivery.ts';

export const quotaMessages = staffI18n('staffQuota', {
  overQuota: params(
    'LINE 本月的訊息額度已用完：{count} 則會員通知沒有送出。請到 LINE 官方帳號管理頁面調整方案，下個月額度會重新計算。',
  ),
});

/** Says so when LINE's monthly message quota stopped member notices this month (admins and marketers). */
export function QuotaWarning() {
  const t = useStore(quotaMessages);
  const [overQuota, setOverQuota] = useState(0);
  useEffect(() => {
    getLineDelivery()
      .then((delivery) => setOverQuota(delivery.overQuota))
      .catch(() => {});
  }, []);
  if (overQuota === 0) return null;
  return (
    <p className="warning" role="alert">
      {t.overQuota({ count: overQuota })}
    </p>
  );
}
