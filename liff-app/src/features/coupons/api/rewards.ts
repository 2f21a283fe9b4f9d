import type { ExchangeResult, RewardsResponse } from '../../../../../bot/schemas/coupon-wallet-api.ts';
import type { Api } from '../../../lib/api.ts';
import { useServices } from '../../../lib/services.tsx';
import { useResource } from '../../../lib/use-resource.ts';

/** GET /api/liff/rewards: the member's balance and the coupons points can buy. */
export const useRewards = () => {
  const { api } = useServices();
  return useResource(() => api.get<RewardsResponse>('/rewards'), 'rewards');
};

/** POST /api/liff/rewards/exchange: points for one coupon, one key per confirmed exchange. */
export const exchangeReward = (api: Api, templateId: number, idempotencyKey: string) =>
  api.post<ExchangeResult>('/rewards/exchange', { templateId, idempotencyKey });
