import type { SessionResponse } from '../../../../../bot/schemas/staff-api.ts';
import { Done } from '../../../components/form-parts.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { formatPoints } from '../../../lib/i18n.ts';
import { useStore } from '../../../lib/use-store.ts';
import { type Campaign, useCampaigns } from '../api/campaigns.ts';
import { useCouponTemplates } from '../api/coupon-templates.ts';
import { useMarketingSettings } from '../api/marketing-settings.ts';
import { useSegments } from '../api/segments.ts';
import { CampaignDetail } from './campaign-detail.tsx';
import { CampaignForm } from './campaign-form.tsx';
import { campaignMessages, campaignSendMessages } from './campaign-messages.ts';
import { statusWords } from './campaign-words.ts';
import { Listing, PageHead, useEditing } from './listing.tsx';

/**
 * Campaigns (行銷活動): the list for campaign.read, the composer for campaign.edit, and one campaign's preview, cost
 * and sending for campaign.send. The campaign `shown` is the app's to keep (in the URL, so others can link to it).
 */
export function CampaignsPage({
  session,
  shown,
  onShow,
}: {
  session: SessionResponse;
  shown: number | null;
  onShow: (campaignId: number | null) => void;
}) {
  const t = useStore(campaignMessages);
  const campaigns = useCampaigns();
  const segments = useSegments();
  const templates = useCouponTemplates();
  // A new campaign starts with the brand's holdout (行銷設定), not the composer's own default.
  const settings = useMarketingSettings();
  const send = useStore(campaignSendMessages);
  const { editing, notice, setNotice, open: edit, cancel, done } = useEditing<Campaign>(campaigns.reload);
  const edits = session.actions.includes('campaign.edit');
  const segmentName = (id: number | null) =>
    !segments.data || id === null
      ? ''
      : (segments.data.find((segment) => segment.id === id)?.name ?? t.noSegment);
  const current = campaigns.data?.find((campaign) => campaign.id === shown);

  if (editing && segments.data && templates.data && (settings.data || settings.error)) {
    return (
      <section aria-labelledby="campaigns-heading">
        <h1 id="campaigns-heading">{editing.row ? t.editing({ name: editing.row.name }) : t.add}</h1>
        <CampaignForm
          campaign={editing.row}
          segments={segments.data}
          templates={templates.data}
          holdoutPercent={settings.data?.holdoutPercent}
          onDone={(saved) => {
            onShow(saved.id);
            done(editing.row ? t.saved : t.created);
          }}
          onCancel={cancel}
        />
      </section>
    );
  }

  if (current) {
    return (
      <>
        <Done>{notice}</Done>
        <CampaignDetail
          key={current.id}
          campaign={current}
          session={session}
          onEdit={() => edit(current)}
          onStarted={(started) => {
            // Sent now but held by quiet hours: the server moved it to their end, and the marketer is told.
            if (!current.scheduledAt && started.scheduledAt)
              setNotice(send.quietWait({ time: formatDateTime(started.scheduledAt) }));
            else if (started.status === 'sending' || (started.status === 'freezing' && !started.scheduledAt))
              setNotice(send.started);
            campaigns.reload();
          }}
          onChanged={campaigns.reload}
          onBack={() => onShow(null)}
        />
      </>
    );
  }

  return (
    <section aria-labelledby="campaigns-heading">
      <PageHead
        id="campaigns-heading"
        heading={t.heading}
        add={edits && { label: t.add, onClick: () => edit(null) }}
      />
      {!edits && <p className="notice">{t.readOnly}</p>}
      <Done>{notice}</Done>
      <Listing
        rows={campaigns.data && [...campaigns.data].sort((a, b) => b.id - a.id)}
        error={campaigns.error}
        loading={t.loading}
        empty={t.empty}
        columns={[t.name, t.status, t.segment, t.scheduled, t.progress]}
        actions={t.open}
      >
        {(campaign) => (
          <tr key={campaign.id}>
            <td data-label={t.name}>{campaign.name}</td>
            <td data-label={t.status}>
              <span className={`tag ${campaign.status}`}>{statusWords(t, campaign.status)}</span>
            </td>
            <td data-label={t.segment}>{segmentName(campaign.segmentId)}</td>
            <td data-label={t.scheduled}>
              {campaign.scheduledAt ? formatDateTime(campaign.scheduledAt) : t.now}
            </td>
            <td data-label={t.progress}>
              {formatPoints(campaign.sent)} / {formatPoints(campaign.recipients)}
            </td>
            <td className="actions">
              <button type="button" className="link" onClick={() => onShow(campaign.id)}>
                {t.open}
                <span className="visually-hidden"> {campaign.name}</span>
              </button>
            </td>
          </tr>
        )}
      </Listing>
    </section>
  );
}
