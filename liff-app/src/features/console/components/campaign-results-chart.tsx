import 'chartist/dist/index.css';
import './campaign-results-chart.css';
// @ts-expect-error Chartist's declarations cannot be followed under nodenext (see below); the import is sound.
import { LineChart as ChartistLine } from 'chartist';
import { useEffect, useRef } from 'react';
import type { CampaignResults } from '../../../../../bot/schemas/campaign-results-api.ts';
import { useStore } from '../../../lib/use-store.ts';
import { campaignResultsMessages } from './campaign-results-messages.ts';
import { perMember } from './campaign-results-table.tsx';

/**
 * Chartist's declarations re-export their files without extensions, which TypeScript's nodenext resolution cannot
 * follow (every name comes out missing): the one constructor used is typed here, after Chartist 1.5's LineChart.
 */
const LineChart = ChartistLine as new (
  element: Element,
  data: { labels: string[]; series: { name: string; data: number[] }[] },
  options: Record<string, unknown>,
) => { detach(): void };

/**
 * The results by day as a line chart (Chartist, SVG: ADR 31): spend per member of the recipients against the
 * holdout's. Loaded lazily with the library; hidden from screen readers, which read the table beside it.
 */
export default function ResultsChart({ results: r }: { results: CampaignResults }) {
  const t = useStore(campaignResultsMessages);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const { recipients, holdout } = r.sales;
    const chart = new LineChart(
      box.current,
      {
        labels: r.series.map((d) => String(d.day + 1)),
        series: [
          {
            name: t.recipientsPerMember,
            data: r.series.map((d) => perMember(d.recipientsSpend, recipients.members)),
          },
          { name: t.holdoutPerMember, data: r.series.map((d) => perMember(d.holdoutSpend, holdout.members)) },
        ],
      },
      { height: '240px', fullWidth: true, low: 0, showArea: false, chartPadding: { right: 24 } },
    );
    return () => chart.detach();
  }, [r, t]);
  return (
    <>
      <div ref={box} className="results-chart-lines" aria-hidden="true" />
      <p className="results-chart-legend" aria-hidden="true">
        <span className="recipients">{t.recipientsPerMember}</span>
        <span className="holdout">{t.holdoutPerMember}</span>
      </p>
    </>
  );
}
