import type { CampaignResults } from '../../../../../bot/schemas/campaign-results-api.ts';
import { formatMoney } from '../../../lib/format.ts';
import { formatPoints } from '../../../lib/i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import { campaignResultsMessages } from './campaign-results-messages.ts';

/** Spend per member of a group on one day, to the NT$ (the chart draws the exact value). */
export const perMember = (spend: number, members: number) => (members === 0 ? 0 : spend / members);

/** The chart's numbers as a table: what a screen reader reads, and anyone who wants the figures. */
export function ResultsTable({ results: r }: { results: CampaignResults }) {
  const t = useStore(campaignResultsMessages);
  const { recipients, holdout } = r.sales;
  return (
    <details>
      <summary>{t.table}</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{t.day}</th>
            <th scope="col">{t.recipientsPerMember}</th>
            <th scope="col">{t.holdoutPerMember}</th>
            <th scope="col">{t.dayClicks}</th>
            {r.coupons && <th scope="col">{t.dayClaims}</th>}
          </tr>
        </thead>
        <tbody>
          {r.series.map((d) => (
            <tr key={d.day}>
              <th scope="row">{t.dayN({ day: d.day + 1 })}</th>
              <td data-label={t.recipientsPerMember}>
                {formatMoney(Math.round(perMember(d.recipientsSpend, recipients.members)))}
              </td>
              <td data-label={t.holdoutPerMember}>
                {formatMoney(Math.round(perMember(d.holdoutSpend, holdout.members)))}
              </td>
              <td data-label={t.dayClicks}>{formatPoints(d.clicks)}</td>
              {r.coupons && <td data-label={t.dayClaims}>{formatPoints(d.claims)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
