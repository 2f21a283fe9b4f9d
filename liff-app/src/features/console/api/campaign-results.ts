import type { CampaignResults } from '../../../../../bot/schemas/campaign-results-api.ts';
import { staffApi } from '../../../lib/staff-api.ts';
import { useResource } from '../../../lib/use-resource.ts';

/** GET /api/staff/campaigns/:id/results?days= (campaign.results): the figures over `days` from the start. */
export const useCampaignResults = (campaignId: number, days: number) =>
  useResource(
    () => staffApi.get<CampaignResults>(`/campaigns/${campaignId}/results?days=${days}`),
    `campaign-results-${campaignId}-${days}`,
  );
