import { lazy, Suspense, useMemo } from 'react';
import type { ChartLine } from '../../../components/line-chart.tsx';
import { formatMoney } from '../../../lib/format.ts';
import { formatPoints } from '../../../lib/i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import type { Dashboard } from '../api/dashboard.ts';
import { formatDay } from './dashboard-figures.tsx';
import { dashboardMessages } from './dashboard-messages.ts';

// The chart library (Chartist, ADR 31) loads with the first chart, never with the console's entry.
const LineChart = lazy(() => import('../../../components/line-chart.tsx'));

type Day = Dashboard['days'][number];
interface Column {
  label: string;
  value: (day: Day) => string;
}

/** 11/30: the day's month and day, as the chart's axis has room for. */
const shortDay = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

/**
 * A chart of the period's days with its figures as a table under it (what a screen reader reads). A single day
 * has no line to draw: its table alone.
 */
function DaysChart({
  id,
  caption,
  days,
  lines,
  columns,
  area,
}: {
  id: string;
  caption: string;
  days: Day[];
  lines: ChartLine[];
  columns: Column[];
  area?: boolean;
}) {
  const t = useStore(dashboardMessages);
  const labels = useMemo(() => days.map((d) => shortDay(d.day)), [days]);
  return (
    <figure className="dashboard-chart" aria-labelledby={id}>
      <figcaption id={id}>{caption}</figcaption>
      {days.length > 1 && (
        <Suspense fallback={<p className="status">{t.loading}</p>}>
          <LineChart labels={labels} lines={lines} area={area} />
        </Suspense>
      )}
      <details open={days.length === 1}>
        <summary>{t.table}</summary>
        <table className="table">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.day}</th>
              {columns.map((c) => (
                <th key={c.label} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row">{formatDay(d.day)}</th>
                {columns.map((c) => (
                  <td key={c.label} data-label={c.label}>
                    {c.value(d)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** Sales (and orders, in the table) per day. */
export function SalesChart({ d }: { d: Dashboard }) {
  const t = useStore(dashboardMessages);
  const lines = useMemo(() => [{ name: t.salesTotal, data: d.days.map((day) => day.sales) }], [d, t]);
  return (
    <DaysChart
      id="dashboard-sales-chart"
      caption={t.salesChart}
      days={d.days}
      lines={lines}
      area
      columns={[
        { label: t.orders, value: (day) => formatPoints(day.orders) },
        { label: t.salesTotal, value: (day) => formatMoney(day.sales) },
      ]}
    />
  );
}

/** Points earned and paid (redeemed or exchanged) per day. */
export function PointsChart({ d }: { d: Dashboard }) {
  const t = useStore(dashboardMessages);
  const lines = useMemo(
    () => [
      { name: t.earned, data: d.days.map((day) => day.pointsEarned) },
      { name: t.paid, data: d.days.map((day) => day.pointsPaid) },
    ],
    [d, t],
  );
  return (
    <DaysChart
      id="dashboard-points-chart"
      caption={t.pointsChart}
      days={d.days}
      lines={lines}
      columns={[
        { label: t.earned, value: (day) => formatPoints(day.pointsEarned) },
        { label: t.paid, value: (day) => formatPoints(day.pointsPaid) },
      ]}
    />
  );
}
