import type { CouponTemplateBody } from '../../../../../bot/schemas/coupons-api.ts';
import type { CardResponse } from '../../../../../bot/schemas/liff-api.ts';
import { hotp } from '../../../lib/hotp.ts';
import { createStaffApi } from '../../../lib/staff-api.ts';
import { openPage, type withProduct } from '../../../testing/render.tsx';

type Product = ReturnType<typeof withProduct>;

/** What every test template says unless a test says otherwise: NT$50 off, anywhere, any time this month. */
export const aTemplate = (changes: Partial<CouponTemplateBody> = {}): CouponTemplateBody => ({
  kind: 'amount_off',
  amountOff: 50,
  minSpend: 0,
  channels: ['store'],
  title: '咖啡折價券',
  titleEn: 'Coffee coupon',
  terms: '每次消費限用一張。',
  termsEn: 'One per purchase.',
  stackable: false,
  validFrom: new Date(Date.now() - 86_400_000).toISOString(),
  validUntil: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  ...changes,
});

/**
 * A member and the store's admin, who makes templates, gives, uses and voids coupons through the staff API as
 * the console and the counter do. The pages are served from the staff origin (localhost), so the admin's session
 * cookie goes with the staff requests; the member's requests carry their LIFF ID token as always.
 */
export async function aMemberAndTheirShop(product: Product) {
  const storeId = await product.store();
  const { userId, token } = await product.shopper();
  const memberId = await product.join(userId, storeId);
  await product.staff('ada', 'admin');
  openPage(product.staffOrigin());
  const staff = createStaffApi({ onSignedOut: () => {} });
  await staff.signIn({ username: 'ada', password: 'correct horse battery', storeId });
  let key = 0;
  const next = () => `coupon-test-${++key}`;
  return {
    storeId,
    userId,
    token,
    memberId,
    /** A template; its id. */
    template: async (changes: Partial<CouponTemplateBody> = {}) =>
      (await staff.post<{ id: number }>('/coupon-templates', aTemplate(changes))).id,
    /** Gives the member (or another member) one coupon of the template; its id and code. */
    give: (templateId: number, to = memberId) =>
      staff.post<{ id: number; code: string }>(`/members/${to}/coupons`, {
        templateId,
        idempotencyKey: next(),
      }),
    /** Uses the coupon on a purchase of `price` at the store, the member's card scanned. */
    async use(code: string, price: number) {
      const card = await (
        await fetch('/api/liff/card', { headers: { authorization: `Bearer ${token}` } })
      ).json();
      const { cardId, secret, periodSeconds, digits } = card as CardResponse;
      const scanned = cardId + (await hotp(secret, Math.floor(Date.now() / 1000 / periodSeconds), digits));
      const { lookup } = await staff.post<{ lookup: { token: string } }>('/members/lookup', {
        code: scanned,
      });
      const body = { lookupToken: lookup.token, price, couponCodes: [code], reference: 'T-1' };
      await staff.post('/purchases', { ...body, idempotencyKey: next() });
    },
    /** Voids an unused coupon, as a store manager may. */
    void: (couponId: number) => staff.post(`/coupons/${couponId}/void`, { reason: '測試作廢' }),
  };
}
