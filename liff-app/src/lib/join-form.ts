import type { JoinFormResponse } from '../../../bot/schemas/liff-api.ts';
import { useServices } from './services.tsx';
import { useResource } from './use-resource.ts';

export const useJoinForm = () => {
  const { api } = useServices();
  return useResource(() => api.get<JoinFormResponse>('/join-form'), 'join-form');
};
