import { lazy, Suspense, useState } from 'react';
import type { CampaignResults, GroupSales } from '../../../../../bot/schemas/campaign-results-api.ts';
import { Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { formatDateTime, formatMoney } from '../../../lib/format.ts';
import { formatPoints } from '../../../lib/i18n.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useStore } from '../../../lib/use-store.ts';
import { useCampaignResults } from '../api/campaign-results.ts';
import { campaignResultsMessages } from './campaign-results-messages.ts';
import { ResultsTable } from './campaign-results-table.tsx';

// The chart library (Chartist, ADR 31) loads with the chart, never with the console's entry.
const ResultsChart = lazy(() => import('./campaign-results-chart.tsx'));

const percent = (value: number) => `${value > 0 ? '+' : ''}${value.toFixed(1)}%`;
const signed = (amount: number) =>
  `${amount > 0 ? '+' : amount < 0 ? '−' : ''}${formatMoney(Math.abs(amount))}`;

/**
 * A started campaign's results (issue 14, point 5): reach, clicks, coupons, the recipients' sales against the
 * holdout's with the uplift, unfollows within 48 hours, and a chart by day with its table for screen readers.
 */
export function CampaignResultsSection({ campaignId }: { campaignId: number }) {
  const t = useStore(campaignResultsMessages);
  const errors = useStore(errorMessages);
  const [days, setDays] = useState(14);
  const results = useCampaignResults(campaignId, days);
  const r = results.data;
  return (
    <section aria-labelledby="campaign-results-heading">
      <h2 id="campaign-results-heading">{t.heading}</h2>
      <div className="field">
        <label htmlFor="results-days">{t.days}</label>
        <input
          id="results-days"
          type="number"
          inputMode="numeric"
          min={1}
          max={90}
          value={days}
          onChange={(event) => {
            const value = Number(event.target.value);
            if (Number.isInteger(value) && value >= 1 && value <= 90) setDays(value);
          }}
        />
      </div>
      <Problem>{results.error ? refusalText(errors, results.error) : null}</Problem>
      {!r && !results.error && <p className="status">{t.loading}</p>}
      {r && <Figures results={r} />}
    </section>
  );
}

function Figures({ results: r }: { results: CampaignResults }) {
  const t = useStore(campaignResultsMessages);
  const n = formatPoints;
  const figure = (label: string, value: string) => (
    <div key={label}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <>
      {r.from ? <p>{t.window({ from: formatDateTime(r.from), days: r.days })}</p> : <p>{t.notStarted}</p>}
      <dl className="figures">
        {figure(t.recipients, n(r.recipients))}
        {figure(t.heldOut, n(r.heldOut))}
        {figure(t.delivered, n(r.delivered))}
        {r.failed > 0 && figure(t.failed, n(r.failed))}
        {figure(t.clickers, n(r.clicks.members))}
        {figure(t.clicks, n(r.clicks.total))}
        {r.coupons && figure(t.claimed, n(r.coupons.claimed))}
        {r.coupons && figure(t.redeemed, n(r.coupons.redeemed))}
        {r.coupons && figure(t.throughLink, n(r.coupons.throughLink))}
        {figure(t.unfollows, n(r.unfollows))}
      </dl>
      <h3>{t.sales}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.group}</th>
            <th scope="col">{t.members}</th>
            <th scope="col">{t.buyers}</th>
            <th scope="col">{t.inStore}</th>
            <th scope="col">{t.online}</th>
            <th scope="col">{t.total}</th>
            <th scope="col">{t.perMember}</th>
          </tr>
        </thead>
        <tbody>
          <SalesRow name={t.recipientsGroup} sales={r.sales.recipients} />
          <SalesRow name={t.holdoutGroup} sales={r.sales.holdout} />
        </tbody>
      </table>
      <p>
        <strong>
          {r.sales.uplift === null
            ? t.upliftNone
            : t.uplift({
                amount: signed(r.sales.uplift),
                percent: r.sales.upliftPercent === null ? '—' : percent(r.sales.upliftPercent),
              })}
        </strong>
      </p>
      <p className="field-hint">{t.upliftHint}</p>
      {r.series.length > 0 && (
        <figure className="results-chart">
          <figcaption>{t.chart}</figcaption>
          <Suspense fallback={<p className="status">{t.loading}</p>}>
            <ResultsChart results={r} />
          </Suspense>
          <ResultsTable results={r} />
        </figure>
      )}
    </>
  );
}

function SalesRow({ name, sales }: { name: string; sales: GroupSales }) {
  const t = useStore(campaignResultsMessages);
  return (
    <tr>
      <th scope="row">{name}</th>
      <td data-label={t.members}>{formatPoints(sales.members)}</td>
      <td data-label={t.buyers}>{formatPoints(sales.buyers)}</td>
      <td data-label={t.inStore}>{formatMoney(sales.inStore)}</td>
      <td data-label={t.online}>{formatMoney(sales.online)}</td>
      <td data-label={t.total}>{formatMoney(sales.total)}</td>
      <td data-label={t.perMember}>{formatMoney(sales.perMember)}</td>
    </tr>
  );
}
