import { staffApi } from '../../../lib/staff-api.ts';
import { useResource } from '../../../lib/use-resource.ts';

/** The brand's marketing rules as GET /api/staff/marketing-settings answers them (bot/domain/campaigns/settings.ts). */
export interface MarketingSettings {
  weeklyLimit: number;
  quietStart: string;
  quietEnd: string;
  holdoutPercent: number;
  monthlyBudget: number | null;
  planCode: string;
  plans: { code: string; name: string }[] | null;
  requestsPerSecond: number;
  updatedAt: string | null;
}

/** GET /api/staff/marketing-settings. */
export const useMarketingSettings = () =>
  useResource(() => staffApi.get<MarketingSettings>('/marketing-settings'), 'marketing-settings');

/** PATCH what changed (marketing_settings.edit: admins; audited). */
export const saveMarketingSettings = (changes: Partial<MarketingSettings>) =>
  staffApi.patch<MarketingSettings>('/marketing-settings', changes);
