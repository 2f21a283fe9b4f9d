import type { TierResponse } from '../../../../../bot/schemas/liff-api.ts';
import { useServices } from '../../../lib/services.tsx';
import { useResource } from '../../../lib/use-resource.ts';

export const useTier = () => {
  const { api } = useServices();
  return useResource(() => api.get<TierResponse>('/tier'), 'tier');
};
