import { expect, vi } from 'vitest';
import { staffApi } from '../lib/staff-api.ts';
import type { withProduct } from './render.tsx';

/**
 * A campaign sent for real: one opted-in member at a store, no quiet hours, the marketer `max` signed in to the
 * console, and 週末快閃 (a text to the opted-in, no holdout) started. Resolves with its id once the sender, in the
 * background, says it is sent.
 */
export async function sentCampaign(product: ReturnType<typeof withProduct>): Promise<{ id: number }> {
  const storeId = await product.store();
  const { userId } = await product.shopper();
  await product.join(userId, storeId, '王小明', { optIn: true });
  await product.refreshSegmentFacts();
  await product.marketingSettings({ quietStart: '00:00', quietEnd: '00:00' });
  await product.staff('max', 'marketer');
  await product.signInToConsole('max');
  const campaign = await staffApi.post<{ id: number }>('/campaigns', {
    name: '週末快閃',
    rules: { field: 'marketingOptIn', value: true },
    message: { kind: 'text', zh: { text: '週末全館九折！' }, en: { text: '10% off this weekend!' } },
    holdoutPercent: 0,
  });
  await staffApi.post(`/campaigns/${campaign.id}/start`, {});
  await vi.waitFor(
    async () =>
      expect((await staffApi.get<{ status: string }>(`/campaigns/${campaign.id}/progress`)).status).toBe(
        'sent',
      ),
    { timeout: 30_000 },
  );
  return campaign;
}
