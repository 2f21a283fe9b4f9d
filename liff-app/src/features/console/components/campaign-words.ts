import type { Campaign, CampaignStatus } from '../api/campaigns.ts';
import type { campaignMessages } from './campaign-messages.ts';

type Words = ReturnType<typeof campaignMessages.get>;

/** A status in words (scheduled is 已排程; the list's own column is also called 預定發送). */
export const statusWords = (t: Words, status: CampaignStatus) =>
  status === 'scheduled' ? t.scheduledStatus : t[status];

/** Whether a campaign is past its draft: it has a progress to show instead of a composer and a price. */
export const hasStarted = (campaign: Campaign) => campaign.status !== 'draft';
