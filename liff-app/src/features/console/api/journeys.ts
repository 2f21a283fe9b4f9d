import type { JourneyDetailView, JourneyView } from '../../../../../bot/schemas/journeys-api.ts';
import { staffApi } from '../../../lib/staff-api.ts';
import { useResource } from '../../../lib/use-resource.ts';

export type Journey = JourneyView;
export type JourneyDetail = JourneyDetailView;

/** GET /api/staff/journeys: the five, in their order (campaign.read). */
export const useJourneys = () => useResource(() => staffApi.get<Journey[]>('/journeys'), 'journeys');

/** GET /api/staff/journeys/:kind: the journey and its daily campaigns, newest first. */
export const useJourneyDetail = (kind: string) =>
  useResource(() => staffApi.get<JourneyDetail>(`/journeys/${kind}`), `journey-${kind}`);

/** PATCH what changed (journey.edit: marketers and admins; audited). */
export const saveJourney = (kind: string, changes: Record<string, unknown>) =>
  staffApi.patch<Journey>(`/journeys/${kind}`, changes);
