import type { JoinFormResponse } from '../../../../../bot/schemas/liff-api.ts';
import { useServices } from '../../../app/providers.tsx';
import { useResource } from '../../../lib/use-resource.ts';

export const useJoinForm = () => {
  const { api } = useServices();
  return useResource(() => api.get<JoinFormResponse>('/join-form'), 'join-form');
};
