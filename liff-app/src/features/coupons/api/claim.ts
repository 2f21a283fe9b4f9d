import type { ClaimResult, CouponOfferView } from '../../../../../bot/schemas/coupon-wallet-api.ts';
import type { Api } from '../../../lib/api.ts';
import { useServices } from '../../../lib/services.tsx';
import { useResource } from '../../../lib/use-resource.ts';

/** GET /api/liff/coupon-offers/:templateId: the offer a claim link opens, and whether this member may claim it. */
export const useOffer = (templateId: number) => {
  const { api } = useServices();
  return useResource(() => api.get<CouponOfferView>(`/coupon-offers/${templateId}`), `offer-${templateId}`);
};

/**
 * POST /api/liff/coupons/claim. The key is made once per page view, so a double tap (or a retry after a lost
 * answer) claims or draws once: the server answers the first outcome again.
 */
export const claimCoupon = (api: Api, templateId: number, idempotencyKey: string) =>
  api.post<ClaimResult>('/coupons/claim', { templateId, idempotencyKey });
