import type { MarketingSettingsBody } from '../../../../../bot/schemas/campaigns-api.ts';
import { staffApi } from '../../../lib/staff-api.ts';
import { useResource } from '../../../lib/use-resource.ts';

/** The brand's marketing rules and the plan table in force, as GET /api/staff/marketing-settings answers them. */
export type MarketingSettings = MarketingSettingsBody;

/** GET /api/staff/marketing-settings. */
export const useMarketingSettings = () =>
  useResource(() => staffApi.get<MarketingSettings>('/marketing-settings'), 'marketing-settings');

/** PATCH what changed (marketing_settings.edit: admins; audited). */
export const saveMarketingSettings = (changes: Record<string, unknown>) =>
  staffApi.patch<MarketingSettings>('/marketing-settings', changes);
