import type {
  CampaignMessage,
  CampaignViewBody,
  CostEstimateBody,
} from '../../../../../bot/schemas/campaigns-api.ts';
import { staffApi } from '../../../lib/staff-api.ts';
import { useResource } from '../../../lib/use-resource.ts';
import type { LineMessage } from '../components/flex-types.ts';

/** What a campaign says, in zh-TW and English (db/schema/campaign-message.ts, through the API's schema). */
export type { CampaignMessage };
export type CampaignStatus = CampaignViewBody['status'];

/** A campaign as GET /api/staff/campaigns answers it, its message typed. */
export type Campaign = Omit<CampaignViewBody, 'message'> & { message: CampaignMessage };

/** What the composer sends: POST a new draft, PATCH a draft's fields. */
export interface CampaignBody {
  name: string;
  segmentId: number | null;
  message: CampaignMessage;
  holdoutPercent: number;
  scheduledAt: string | null;
}

/** GET /api/staff/campaigns/:id/estimate: what the push would reach and cost, by LINE's plan table. */
export type CampaignEstimate = CostEstimateBody;

/** GET /api/staff/campaigns/:id/progress, and each `progress` event of /events (campaign-sending.ts). */
export interface CampaignProgress {
  status: CampaignStatus;
  recipients: number;
  heldOut: number;
  skipped: number;
  sent: number;
  failed: number;
  remaining: number;
  perSecond: number;
  secondsLeft: number | null;
}

/** POST /api/staff/campaigns/:id/preview: the LINE messages each language's recipients would get. */
export interface CampaignPreview {
  messages: { 'zh-TW': LineMessage[]; en: LineMessage[] };
}

/** GET /api/staff/campaigns (campaign.read). */
export const useCampaigns = () => useResource(() => staffApi.get<Campaign[]>('/campaigns'), 'campaigns');

/** PATCH the draft when there is one, else POST a new draft (campaign.edit, audited). */
export const saveCampaign = (campaign: Campaign | null, body: CampaignBody) =>
  campaign
    ? staffApi.patch<Campaign>(`/campaigns/${campaign.id}`, body)
    : staffApi.post<Campaign>('/campaigns', body);

export const previewCampaign = (id: number) => staffApi.post<CampaignPreview>(`/campaigns/${id}/preview`, {});
export const estimateCampaign = (id: number) => staffApi.get<CampaignEstimate>(`/campaigns/${id}/estimate`);

/**
 * POST /start (campaign.send): `confirmedCost` is the NT$ price the marketer confirmed when the estimate asked;
 * the server refuses COST_NOT_CONFIRMED when it is not the price it computes now, OVER_BUDGET past the budget.
 */
export const startCampaign = (id: number, confirmedCost?: number) =>
  staffApi.post<Campaign>(`/campaigns/${id}/start`, confirmedCost === undefined ? {} : { confirmedCost });

/** Pause, resume or cancel a campaign that is scheduled or sending (campaign.send, audited). */
export const changeCampaign = (id: number, change: 'pause' | 'resume' | 'cancel') =>
  staffApi.post<unknown>(`/campaigns/${id}/${change}`, {});

export const campaignProgress = (id: number) => staffApi.get<CampaignProgress>(`/campaigns/${id}/progress`);

/** The server-sent events of a campaign's progress: the browser's EventSource, same origin with its cookie. */
export const progressEventsUrl = (id: number) => `/api/staff/campaigns/${id}/events`;
