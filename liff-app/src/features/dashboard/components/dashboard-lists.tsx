import { formatDateTime, formatMoney } from '../../../lib/format.ts';
import { formatPoints } from '../../../lib/i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import type { Dashboard } from '../api/dashboard.ts';
import { dashboardMessages } from './dashboard-messages.ts';

const signed = (amount: number) =>
  `${amount > 0 ? '+' : amount < 0 ? '−' : ''}${formatMoney(Math.abs(amount))}`;
const signedPercent = (value: number) =>
  `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(1)}%`;

/** The stores by sales in the period; the store chosen in the filter stands out. */
export function StoreRanking({ d }: { d: Dashboard }) {
  const t = useStore(dashboardMessages);
  return (
    <section aria-labelledby="dashboard-ranking">
      <h2 id="dashboard-ranking">{t.ranking}</h2>
      {d.stores.length === 0 ? (
        <p className="dashboard-empty">{t.noStores}</p>
      ) : (
        <table className="table" aria-labelledby="dashboard-ranking">
          <thead>
            <tr>
              <th scope="col">{t.rank}</th>
              <th scope="col">{t.storeName}</th>
              <th scope="col">{t.orders}</th>
              <th scope="col">{t.salesTotal}</th>
              <th scope="col">{t.pointsEarned}</th>
            </tr>
          </thead>
          <tbody>
            {d.stores.map((s, i) => (
              <tr key={s.storeId} className={s.storeId === d.storeId ? 'chosen' : undefined}>
                <td data-label={t.rank}>{i + 1}</td>
                <th scope="row" data-label={t.storeName}>
                  {s.name}
                </th>
                <td data-label={t.orders}>{formatPoints(s.orders)}</td>
                <td data-label={t.salesTotal}>{formatMoney(s.sales)}</td>
                <td data-label={t.pointsEarned}>{formatPoints(s.pointsEarned)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The campaigns started in the period (the latest five): reach, clicks and the uplift, each opening its page. */
export function CampaignList({ d, onOpen }: { d: Dashboard; onOpen: (campaignId: number) => void }) {
  const t = useStore(dashboardMessages);
  return (
    <section aria-labelledby="dashboard-campaigns">
      <h2 id="dashboard-campaigns">{t.campaigns}</h2>
      {d.campaigns.length === 0 ? (
        <p className="dashboard-empty">{t.noCampaigns}</p>
      ) : (
        <table className="table" aria-labelledby="dashboard-campaigns">
          <thead>
            <tr>
              <th scope="col">{t.campaign}</th>
              <th scope="col">{t.startedAt}</th>
              <th scope="col">{t.delivered}</th>
              <th scope="col">{t.clicks}</th>
              <th scope="col">{t.uplift}</th>
            </tr>
          </thead>
          <tbody>
            {d.campaigns.map((c) => (
              <tr key={c.id}>
                <th scope="row" data-label={t.campaign}>
                  <button type="button" className="link" onClick={() => onOpen(c.id)}>
                    {c.name}
                  </button>
                </th>
                <td data-label={t.startedAt}>{formatDateTime(c.startedAt)}</td>
                <td data-label={t.delivered}>{formatPoints(c.delivered)}</td>
                <td data-label={t.clicks}>{formatPoints(c.clicks)}</td>
                <td data-label={t.uplift}>
                  {c.uplift === null
                    ? t.none
                    : c.upliftPercent === null
                      ? signed(c.uplift)
                      : t.upliftWith({ amount: signed(c.uplift), percent: signedPercent(c.upliftPercent) })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
