import { formatPoints } from '../../../lib/i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import type { CampaignStatus } from '../api/campaigns.ts';
import { useJourneyDetail } from '../api/journeys.ts';
import { campaignMessages } from './campaign-messages.ts';
import { statusWords } from './campaign-words.ts';
import { journeyMessages } from './journeys-messages.ts';

/** A journey's daily campaigns, newest first; each campaign's own page has its full results. */
export function JourneyDays({ kind }: { kind: string }) {
  const t = useStore(journeyMessages);
  const words = useStore(campaignMessages);
  const detail = useJourneyDetail(kind);
  const days = detail.data?.days ?? [];
  return (
    <details>
      <summary>{t.days}</summary>
      {days.length === 0 ? (
        <p className="status">{detail.data ? t.noDays : t.loading}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t.day}</th>
              <th scope="col">{t.entered}</th>
              <th scope="col">{t.recipients}</th>
              <th scope="col">{t.sent}</th>
              <th scope="col">{t.status}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.campaignId}>
                <td>{d.day}</td>
                <td>{formatPoints(d.entered)}</td>
                <td>{formatPoints(d.recipients)}</td>
                <td>{formatPoints(d.sent)}</td>
                <td>{statusWords(words, d.status as CampaignStatus)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
