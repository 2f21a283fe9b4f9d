import type { CouponCardView, WalletResponse } from '../../../../../bot/schemas/coupon-wallet-api.ts';
import { useServices } from '../../../lib/services.tsx';
import { useResource } from '../../../lib/use-resource.ts';

/** GET /api/liff/coupons: the member's usable (and not yet valid), used and expired coupons. */
export const useWallet = () => {
  const { api } = useServices();
  return useResource(() => api.get<WalletResponse>('/coupons'), 'coupons');
};

/** GET /api/liff/coupons/:id: one of the member's coupons (404 COUPON_NOT_FOUND for anyone else's). */
export const useCoupon = (id: number) => {
  const { api } = useServices();
  return useResource(() => api.get<CouponCardView>(`/coupons/${id}`), `coupon-${id}`);
};
