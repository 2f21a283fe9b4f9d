import type { PointsHistoryResponse, PointsResponse } from '../../../../../bot/schemas/liff-api.ts';
import type { Api } from '../../../lib/api.ts';
import { useServices } from '../../../lib/services.tsx';
import { useResource } from '../../../lib/use-resource.ts';

export const usePoints = () => {
  const { api } = useServices();
  return useResource(() => api.get<PointsResponse>('/points'), 'points');
};

/** GET /api/liff/points/history?before=: newest first, a page at a time. */
export const getPointsHistory = (api: Api, before: number | null) =>
  api.get<PointsHistoryResponse>(`/points/history${before ? `?before=${before}` : ''}`);
