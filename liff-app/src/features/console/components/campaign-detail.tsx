import type { SessionResponse } from '../../../../../bot/schemas/staff-api.ts';
import { Problem } from '../../../components/form-parts.tsx';
import { errorMessages } from '../../../components/staff-messages.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { refusalText } from '../../../lib/refusals.ts';
import { useResource } from '../../../lib/use-resource.ts';
import { useStore } from '../../../lib/use-store.ts';
import { type Campaign, campaignProgress } from '../api/campaigns.ts';
import { CampaignCost } from './campaign-cost.tsx';
import { campaignMessages, campaignSendMessages } from './campaign-messages.ts';
import { CampaignPreviewPanel } from './campaign-preview.tsx';
import { ProgressView } from './campaign-progress.tsx';
import { CampaignResultsSection } from './campaign-results.tsx';
import { statusWords } from './campaign-words.ts';

/** A started campaign's progress: the last figures first, then the server's events. */
function Started({
  campaign,
  sends,
  onChanged,
}: {
  campaign: Campaign;
  sends: boolean;
  onChanged: () => void;
}) {
  const errors = useStore(errorMessages);
  const progress = useResource(() => campaignProgress(campaign.id), `progress-${campaign.id}`);
  if (progress.error) return <Problem>{refusalText(errors, progress.error)}</Problem>;
  if (!progress.data) return null;
  return (
    <ProgressView
      campaignId={campaign.id}
      first={progress.data}
      sends={sends}
      onChanged={onChanged}
      pageStatus={campaign.status}
    />
  );
}

/**
 * One campaign: a draft shows its preview, its cost and 發送／排程 (and its editor on 編輯); a started one shows when
 * it goes (quiet hours may have moved it), its progress with pause, resume and cancel, and its results.
 */
export function CampaignDetail({
  campaign,
  session,
  onEdit,
  onStarted,
  onChanged,
  onBack,
}: {
  campaign: Campaign;
  session: SessionResponse;
  onEdit: () => void;
  onStarted: (campaign: Campaign) => void;
  /** Paused, resumed or cancelled: the campaign is read again. */
  onChanged: () => void;
  onBack: () => void;
}) {
  const t = useStore(campaignMessages);
  const send = useStore(campaignSendMessages);
  const edits = session.actions.includes('campaign.edit');
  const sends = session.actions.includes('campaign.send');
  return (
    <section aria-labelledby="campaign-heading">
      <div className="page-head">
        <h1 id="campaign-heading">{t.detail({ name: campaign.name })}</h1>
        <button type="button" className="link" onClick={onBack}>
          {t.back}
        </button>
      </div>
      <p>
        <span className={`tag ${campaign.status}`}>{statusWords(t, campaign.status)}</span>
        {campaign.status === 'scheduled' && campaign.scheduledAt && (
          <> {send.scheduledAt({ time: formatDateTime(campaign.scheduledAt) })}</>
        )}
      </p>
      {campaign.status === 'draft' ? (
        <>
          {edits && (
            <button type="button" className="button inline secondary" onClick={onEdit}>
              {t.edit}
            </button>
          )}
          <CampaignPreviewPanel campaign={campaign} />
          <CampaignCost campaign={campaign} sends={sends} onStarted={onStarted} />
        </>
      ) : (
        <>
          <Started key={campaign.status} campaign={campaign} sends={sends} onChanged={onChanged} />
          {/* The results are read again as the campaign moves on (sending, sent). */}
          {session.actions.includes('campaign.results') && (
            <CampaignResultsSection key={`results-${campaign.status}`} campaignId={campaign.id} />
          )}
        </>
      )}
    </section>
  );
}
