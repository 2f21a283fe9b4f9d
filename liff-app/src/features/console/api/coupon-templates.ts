import type { Static } from 'typebox';
import type { CouponTemplateResults } from '../../../../../bot/schemas/coupon-results-api.ts';
import type { CouponTemplateView } from '../../../../../bot/schemas/coupons-api.ts';
import { createApiClient } from '../../../lib/api-client.ts';
import { staffApi } from '../../../lib/staff-api.ts';
import { useResource } from '../../../lib/use-resource.ts';

/** A template as GET /api/staff/coupon-templates answers it. */
export type CouponTemplate = Static<typeof CouponTemplateView>;

/** GET /api/staff/coupon-templates (coupon_template.read). */
export const useCouponTemplates = () =>
  useResource(() => staffApi.get<CouponTemplate[]>('/coupon-templates'), 'coupon-templates');

/**
 * PATCH the template when there is one (answered by a copy when the change altered what issued coupons mean,
 * ADR 26), else POST a new one (coupon_template.edit, audited).
 */
export const saveCouponTemplate = (template: CouponTemplate | null, body: Record<string, unknown>) =>
  template
    ? staffApi.patch<CouponTemplate>(`/coupon-templates/${template.id}`, body)
    : staffApi.post<CouponTemplate>('/coupon-templates', body);

/**
 * GET /api/staff/coupon-templates/:id/results (coupon_template.read); `withEarlier`: the versions it was copied
 * from counted too (ADR 26).
 */
export const useCouponResults = (id: number, withEarlier: boolean) => {
  const versions = withEarlier ? 'all' : 'this';
  return useResource(
    () => staffApi.get<CouponTemplateResults>(`/coupon-templates/${id}/results?versions=${versions}`),
    `coupon-results-${id}-${versions}`,
  );
};

const liffApi = createApiClient({ root: '/api/liff', headers: () => ({}) });

/** The member app's LIFF ID (GET /api/liff/config, open to anyone): claim links open it. */
export const useLiffId = () =>
  useResource(async () => (await liffApi.get<{ liffId: string }>('/config')).liffId, 'liff-config');

/** The link a member opens in LINE to claim a claimable template (the contracts' claim URL). */
export const claimLinkOf = (liffId: string, templateId: number) =>
  `https://liff.line.me/${liffId}?page=coupons&claim=${templateId}`;
