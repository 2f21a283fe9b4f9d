import { LoadError, Loading } from '../../../components/status.tsx';
import { formatDate, formatMoney } from '../../../lib/format.ts';
import { i18n, params, tierName } from '../../../lib/i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import { useTier } from '../api/get-tier.ts';

const messages = i18n('tier', {
  heading: '會員等級',
  benefits: '等級權益',
  spend: params('近 12 個月消費 {amount}'),
  toNext: params('再消費 {amount} 即可升級為 {tier}'),
  top: '您已是最高等級',
  review: params('等級將於 {date} 重新審核'),
});

/** Current tier and its benefits, progress to the next, and when the tier is reviewed. */
export default function TierPage() {
  const t = useStore(messages);
  const tier = useTier();
  if (tier.error) return <LoadError error={tier.error} retry={tier.reload} />;
  if (!tier.data) return <Loading />;
  const { current, next, spend12Months, reviewAt } = tier.data;
  const progress = next ? Math.min(100, Math.round((spend12Months / next.qualifyingSpend) * 100)) : 100;
  return (
    <section aria-labelledby="tier-heading">
      <h1 id="tier-heading">{t.heading}</h1>
      <div className="panel">
        <span className="badge big" style={{ background: current.color }}>
          {tierName(current)}
        </span>
        <p>{t.spend({ amount: formatMoney(spend12Months) })}</p>
        <div
          className="progress"
          role="progressbar"
          aria-valuenow={progress}
          aria-valuemin={0}
          aria-valuemax={100}
        >
          <span style={{ width: `${progress}%` }} />
        </div>
        <p>{next ? t.toNext({ amount: formatMoney(next.remaining), tier: tierName(next) }) : t.top}</p>
        {reviewAt && <p className="muted">{t.review({ date: formatDate(reviewAt) })}</p>}
      </div>
      <div className="panel">
        <h2>{t.benefits}</h2>
        <ul>
          {current.benefits.map((benefit) => (
            <li key={benefit}>{benefit}</li>
          ))}
        </ul>
      </div>
    </section>
  );
}
