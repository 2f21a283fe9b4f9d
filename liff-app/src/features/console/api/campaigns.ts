import { staffApi } from '../../../lib/staff-api.ts';
import { useResource } from '../../../lib/use-resource.ts';
import type { LineMessage } from '../components/flex-types.ts';

/**
 * What a campaign says, in zh-TW and English (db/schema/campaign-message.ts, which pages may not import; the
 * campaigns API's schema will carry it).
 */
export type CampaignMessage =
  | { kind: 'coupon'; templateId: number; zh: { intro: string }; en: { intro: string } }
  | {
      kind: 'announcement';
      imageUrl: string | null;
      zh: { title: string; text: string; buttonLabel: string | null };
      en: { title: string; text: string; buttonLabel: string | null };
      buttonUrl: string | null;
    }
  | { kind: 'text'; zh: { text: string }; en: { text: string } };
export type CampaignStatus = 'draft' | 'scheduled' | 'sending' | 'paused' | 'sent' | 'cancelled';

/**
 * A campaign as GET /api/staff/campaigns answers it (contracts-14; bot/routes/staff/campaigns.ts): its columns of
 * db/schema/campaigns.ts, times as ISO strings.
 */
export interface Campaign {
  id: number;
  name: string;
  segmentId: number | null;
  message: CampaignMessage;
  status: CampaignStatus;
  scheduledAt: string | null;
  holdoutPercent: number;
  recipients: number;
  heldOut: number;
  sent: number;
  failed: number;
  updatedAt: string;
}

/** What the composer sends: POST a new draft, PATCH a draft's fields. */
export interface CampaignBody {
  name: string;
  segmentId: number | null;
  message: CampaignMessage;
  holdoutPercent: number;
  scheduledAt: string | null;
}

/** GET /api/staff/campaigns/:id/estimate: what the push would reach and cost, by LINE's plan table. */
export interface CampaignEstimate {
  matching: number;
  reachable: number;
  heldOut: number;
  fatigued: number;
  recipients: number;
  quota: { type: 'none' | 'limited'; value: number | null };
  used: number;
  wouldUse: number;
  freeLeft: number | null;
  overFree: number;
  price: number;
  plan: { code: string; name: string; monthlyFee: number; included: number; source: string; asOf: string };
  budget: number | null;
  budgetLeft: number | null;
  needsConfirmation: boolean;
}

/** GET /api/staff/campaigns/:id/progress, and each `progress` event of /events. */
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
