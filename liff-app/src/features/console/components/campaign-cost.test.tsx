import { fireEvent, screen, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffApi } from '../../../lib/staff-api.ts';
import { withProduct } from '../../../testing/render.tsx';
import type { Campaign } from '../api/campaigns.ts';
import { type OpenProgress, progressEvents } from './campaign-progress.tsx';

const product = withProduct();

// happy-dom has no EventSource: the progress view listens to a stream that stays quiet (campaigns-page.test.tsx
// feeds it events).
const browserEvents = progressEvents.open;
beforeAll(() => {
  progressEvents.open = (() => ({ addEventListener() {}, close() {}, onerror: null })) as OpenProgress;
});
afterAll(() => {
  progressEvents.open = browserEvents;
});

/** 23:00 in Taipei: quiet hours, so a push the marketer starts waits and nothing is sent while the test looks. */
const LATE_EVENING = '2026-11-24T15:00:00Z';

/** A plan of the brand's own table: one message included, NT$2 for each beyond it. */
const twoDollars = {
  code: 'small',
  name: '小方案',
  monthlyFee: 0,
  included: 1,
  extra: [{ upTo: null, milliPerMessage: 2_000 }],
  source: 'https://example.com/prices',
  asOf: '2026-11',
};

const figure = (panel: HTMLElement, label: string) =>
  within(panel).getByText(label, { selector: 'dt' }).nextElementSibling!.textContent;

/**
 * Three LINE friends who opted in, on a plan with one free message: a push to them uses two messages beyond the
 * free ones, NT$4. The marketer opens the draft written for them.
 */
async function openDraft(monthlyBudget: number | null) {
  // The product again, at the late evening's clock, the console served from it.
  product.current.origin = (await product.start(LATE_EVENING)).origin;
  const store = await product.store();
  for (const [i, name] of ['林小美', '陳大文', '王小明'].entries()) {
    const { userId } = await product.shopper(name);
    await product.join(userId, store, name, { phone: `091234560${i}`, optIn: true });
  }
  await product.refreshSegmentFacts();
  await product.marketingSettings({
    plans: [twoDollars],
    planCode: 'small',
    holdoutPercent: 0,
    monthlyBudget,
  });
  await product.staff('max', 'marketer');
  await product.signInToConsole('max');
  const segment = await staffApi.post<{ id: number }>('/segments', {
    name: '同意行銷的好友',
    rules: { all: [{ field: 'lineFriend' }, { field: 'marketingOptIn', value: true }] },
  });
  const draft = await staffApi.post<Campaign>('/campaigns', {
    name: '週末九折',
    segmentId: segment.id,
    message: { kind: 'text', zh: { text: '週末全店九折！' }, en: { text: '10% off this weekend!' } },
  });
  fireEvent.click(screen.getByRole('button', { name: '行銷活動' }));
  const row = (await screen.findByRole('cell', { name: '週末九折' })).closest('tr')!;
  fireEvent.click(within(row).getByRole('button', { name: '查看 週末九折' }));
  const cost = await screen.findByRole('region', { name: '發送人數與費用' });
  await within(cost).findByText('將發送', { selector: 'dt' });
  return { cost, id: draft.id };
}

const campaign = (id: number) =>
  staffApi.get<Campaign & { confirmedCost: number | null }>(`/campaigns/${id}`);

describe('a push beyond the free messages', () => {
  it('asks the marketer to confirm its exact NT$ amount, refuses to send without it, and sends with it', async () => {
    const { cost, id } = await openDraft(null);
    expect(figure(cost, '將發送')).toBe('3 人');
    expect(figure(cost, '免費額度剩餘')).toBe('1 則');
    expect(figure(cost, '超出免費額度')).toBe('2 則');
    expect(figure(cost, '預估費用')).toBe('NT$4');
    expect(figure(cost, 'LINE 方案')).toBe('小方案（月費 NT$0，含 1 則）');
    const confirm = within(cost).getByRole('checkbox', { name: '我了解這次發送將產生約 NT$4 的訊息費用' });
    expect((confirm as HTMLInputElement).checked).toBe(false);

    // Not ticked: the server refuses, the marketer is told why, and the campaign stays a draft.
    fireEvent.click(within(cost).getByRole('button', { name: '發送' }));
    expect(
      await within(cost).findByText('費用已變動或尚未確認，請看過最新的費用並勾選確認後再發送。'),
    ).toBeTruthy();
    expect(await campaign(id)).toMatchObject({ status: 'draft', confirmedCost: null });

    // Ticked: it starts, with that very amount recorded as confirmed.
    fireEvent.click(await within(cost).findByRole('checkbox', { name: /NT\$4 的訊息費用/ }));
    fireEvent.click(within(cost).getByRole('button', { name: '發送' }));
    expect(await screen.findByRole('region', { name: '發送進度' })).toBeTruthy();
    const started = await campaign(id);
    expect(started.status).not.toBe('draft');
    expect(started.confirmedCost).toBe(4);
  });

  it('is refused when the month’s budget is below its amount, in words that say so', async () => {
    const { cost, id } = await openDraft(3);
    expect(figure(cost, '預估費用')).toBe('NT$4');
    expect(figure(cost, '本月預算')).toBe('NT$3');
    expect(figure(cost, '預算剩餘')).toBe('NT$3');
    fireEvent.click(within(cost).getByRole('checkbox', { name: /NT\$4 的訊息費用/ }));
    fireEvent.click(within(cost).getByRole('button', { name: '發送' }));
    expect(await within(cost).findByText('這次發送會超過本月的行銷預算，請調整分眾或預算。')).toBeTruthy();
    expect(await campaign(id)).toMatchObject({ status: 'draft', confirmedCost: null });
    expect(screen.queryByRole('region', { name: '發送進度' })).toBeNull();
  });
});
