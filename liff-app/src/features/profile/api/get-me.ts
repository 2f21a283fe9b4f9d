import type { MeResponse } from '../../../../../bot/schemas/liff-api.ts';
import { useServices } from '../../../lib/services.tsx';
import { useResource } from '../../../lib/use-resource.ts';

export const useMe = () => {
  const { api } = useServices();
  return useResource(() => api.get<MeResponse>('/me'), 'me');
};
