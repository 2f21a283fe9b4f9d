import './dashboard.css';
import { useState } from 'react';
import { Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useStore } from '../../../lib/use-store.ts';
import { type DashboardQuery, useDashboard } from '../api/dashboard.ts';
import { PointsChart, SalesChart } from './dashboard-days.tsx';
import {
  CouponFigures,
  formatDay,
  MemberFigures,
  PointsFigures,
  SalesFigures,
} from './dashboard-figures.tsx';
import { DashboardFilters, type StoreChoice } from './dashboard-filters.tsx';
import { CampaignList, StoreRanking } from './dashboard-lists.tsx';
import { dashboardMessages } from './dashboard-messages.ts';
import { periodOf, taipeiToday } from './dashboard-range.ts';

/**
 * The marketer's dashboard (issue 16, point 3; ADR 34): members, points and their liability, sales, the coupon
 * funnel, the stores and the campaigns over a period of Taipei days, all stores or one. The last figures stay on
 * the page, marked busy, while the next period's load.
 */
export function DashboardPage({
  stores,
  onCampaign,
}: {
  stores: StoreChoice[];
  /** Opens a campaign's own page, from its row. */
  onCampaign: (campaignId: number) => void;
}) {
  const t = useStore(dashboardMessages);
  const errors = useStore(errorMessages);
  const [today] = useState(() => taipeiToday(Date.now()));
  const [query, setQuery] = useState<DashboardQuery>(() => ({ ...periodOf('days30', today), storeId: null }));
  const dashboard = useDashboard(query);
  const d = dashboard.data;
  const storeName = (id: number | null) =>
    id === null ? t.allStores : (stores.find((s) => s.id === id)?.name ?? String(id));
  return (
    <section className="dashboard" aria-labelledby="dashboard-heading">
      <h1 id="dashboard-heading">{t.heading}</h1>
      <DashboardFilters today={today} stores={stores} query={query} onChange={setQuery} />
      <Problem>{dashboard.error ? refusalText(errors, dashboard.error) : null}</Problem>
      {!d && !dashboard.error && (
        <p className="status" role="status" aria-busy="true">
          {t.loading}
        </p>
      )}
      {d && (
        <div className="dashboard-figures" aria-busy={dashboard.loading}>
          <p className="dashboard-shown" role="status">
            {t.shown({ from: formatDay(d.from), to: formatDay(d.to), store: storeName(d.storeId) })}
          </p>
          <MemberFigures d={d} />
          <section aria-labelledby="dashboard-sales">
            <h2 id="dashboard-sales">{t.sales}</h2>
            <SalesFigures d={d} />
            <SalesChart d={d} />
          </section>
          <section aria-labelledby="dashboard-points">
            <h2 id="dashboard-points">{t.points}</h2>
            <PointsFigures d={d} />
            <PointsChart d={d} />
          </section>
          <CouponFigures d={d} />
          <StoreRanking d={d} />
          <CampaignList d={d} onOpen={onCampaign} />
        </div>
      )}
    </section>
  );
}
