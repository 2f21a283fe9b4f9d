import './campaign-results-chart.css';
import { useMemo } from 'react';
import type { CampaignResults } from '../../../../../bot/schemas/campaign-results-api.ts';
import LineChart from '../../../components/line-chart.tsx';
import { useStore } from '../../../lib/use-store.ts';
import { campaignResultsMessages } from './campaign-results-messages.ts';
import { perMember } from './campaign-results-table.tsx';

/**
 * The results by day as a line chart (ADR 31): spend per member of the recipients against the holdout's. Loaded
 * lazily with the chart library; hidden from screen readers, which read the table beside it.
 */
export default function ResultsChart({ results: r }: { results: CampaignResults }) {
  const t = useStore(campaignResultsMessages);
  const { recipients, holdout } = r.sales;
  const labels = useMemo(() => r.series.map((d) => String(d.day + 1)), [r]);
  const lines = useMemo(
    () => [
      {
        name: t.recipientsPerMember,
        data: r.series.map((d) => perMember(d.recipientsSpend, recipients.members)),
      },
      { name: t.holdoutPerMember, data: r.series.map((d) => perMember(d.holdoutSpend, holdout.members)) },
    ],
    [r, t, recipients, holdout],
  );
  return <LineChart labels={labels} lines={lines} />;
}
