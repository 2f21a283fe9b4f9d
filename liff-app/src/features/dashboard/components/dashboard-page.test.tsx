import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chooseLanguage } from '../../../lib/staff-i18n.ts';
import { withProduct } from '../../../testing/render.tsx';
import { sentCampaign } from '../../../testing/sent-campaign.ts';
import { staffDashboardEn } from '../../../translations/staff-dashboard-en.ts';
import { dashboardMessages } from './dashboard-messages.ts';

const product = withProduct();

/** Taipei's day `daysAgo` before today, as the zh-TW page writes it: 2026/11/30. */
const shownDay = (daysAgo: number) =>
  new Intl.DateTimeFormat('zh-TW', {
    timeZone: 'Asia/Taipei',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(Date.now() - daysAgo * 86_400_000);

const figure = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling!.textContent;
const dayRows = (chart: string) =>
  screen.getByRole('figure', { name: chart }).querySelectorAll('tbody tr').length;

/**
 * Two stores: 台北信義店 sold NT$1,200 today; 台北大安店 NT$800 ten days ago and NT$500 today, each to its own
 * member. The morning's snapshot is taken, then the marketer signs in.
 */
async function twoStores() {
  const xinyi = await product.store('TPE01', '台北信義店');
  const daan = await product.store('TPE02', '台北大安店');
  const wang = await product.shopper('王小明');
  await product.join(wang.userId, xinyi, '王小明', { phone: '0912000001' });
  const chen = await product.shopper('陳小華');
  await product.join(chen.userId, daan, '陳小華', { phone: '0912000002' });
  await product.purchase(wang.userId, xinyi, 1_200);
  await product.purchase(wang.userId, daan, 800, 10);
  await product.purchase(chen.userId, daan, 500);
  await product.dashboardSnapshot();
  await product.staff('max', 'marketer');
  return { daan };
}

describe('the dashboard', () => {
  it('is where a marketer lands, with the last 30 days of every store, then the period and the store chosen', async () => {
    const { daan } = await twoStores();
    await product.signInToConsole('max', { query: '', landing: '儀表板' });
    expect(
      await screen.findByText(`${shownDay(29)} 至 ${shownDay(0)}・所有門市`, { selector: 'p' }),
    ).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: `會員 資料截至 ${shownDay(0)}` })).toBeTruthy();
    expect(figure('會員數')).toBe('2');
    expect(figure('LINE 好友')).toBe('2');
    expect(figure('期間新綁定')).toBe('2');
    expect(figure('30 天內有消費')).toBe('2');
    expect(figure('訂單數')).toBe('3');
    expect(figure('銷售額')).toBe('NT$2,500');
    expect(figure('門市')).toBe('NT$2,500');
    expect(figure('線上占比')).toBe('0.0%');
    expect(figure('點數負債')).toMatch(/^NT\$[\d,]+$/);
    expect(dayRows('每日銷售額')).toBe(30);
    const ranking = screen.getByRole('table', { name: '門市排行' });
    expect(
      within(ranking)
        .getAllByRole('rowheader')
        .map((cell) => cell.textContent),
    ).toEqual(['台北大安店', '台北信義店']);
    expect(within(ranking).getByRole('row', { name: /台北大安店 2 NT\$1,300/ })).toBeTruthy();

    fireEvent.click(screen.getByLabelText('近 7 天'));
    expect(await screen.findByText(`${shownDay(6)} 至 ${shownDay(0)}・所有門市`)).toBeTruthy();
    expect(figure('銷售額')).toBe('NT$1,700');
    expect(figure('訂單數')).toBe('2');
    expect(dayRows('每日銷售額')).toBe(7);

    fireEvent.change(screen.getByLabelText('門市'), { target: { value: String(daan) } });
    expect(await screen.findByText(`${shownDay(6)} 至 ${shownDay(0)}・台北大安店`)).toBeTruthy();
    expect(figure('銷售額')).toBe('NT$500');
    expect(figure('會員數')).toBe('1');

    fireEvent.click(screen.getByLabelText('今天'));
    expect(await screen.findByText(`${shownDay(0)} 至 ${shownDay(0)}・台北大安店`)).toBeTruthy();
    expect(dayRows('每日發點與用點')).toBe(1);

    fireEvent.click(screen.getByLabelText('自訂'));
    fireEvent.change(screen.getByLabelText('開始日期'), { target: { value: '2026-11-20' } });
    fireEvent.change(screen.getByLabelText('結束日期'), { target: { value: '2026-11-10' } });
    expect(screen.getByText('結束日期需在開始日期之後，且期間最長 366 天')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('結束日期'), { target: { value: '2026-11-22' } });
    expect(await screen.findByText('2026/11/20 至 2026/11/22・台北大安店')).toBeTruthy();
    expect(dayRows('每日銷售額')).toBe(3);
  });

  it('reads in English without full-width punctuation', async () => {
    await twoStores();
    await product.signInToConsole('max', { query: '', landing: '儀表板' });
    await screen.findByRole('heading', { level: 2, name: `會員 資料截至 ${shownDay(0)}` });
    act(() => chooseLanguage('en'));
    const page = await screen.findByRole('region', { name: 'Dashboard' });
    await waitFor(() => expect(within(page).getByText('Points liability', { selector: 'dt' })).toBeTruthy());
    expect(within(page).getByRole('table', { name: 'Store ranking' })).toBeTruthy();
    expect(within(page).getByLabelText('Last 7 days')).toBeTruthy();
    const words = page.textContent!.replaceAll(/台北(大安|信義)店/g, '');
    expect(words).not.toMatch(/[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]/);
    act(() => chooseLanguage('zh-TW'));
  });

  it('lists a campaign started in the period with its reach, and opens the campaign’s page from it', async () => {
    const campaign = await sentCampaign(product);

    fireEvent.click(screen.getByRole('button', { name: '儀表板' }));
    const campaigns = await screen.findByRole('table', { name: '行銷活動成效' });
    expect(within(campaigns).getByRole('row', { name: /^週末快閃 .* 1 0 —$/ })).toBeTruthy();
    fireEvent.click(within(campaigns).getByRole('button', { name: '週末快閃' }));
    expect(await screen.findByRole('heading', { level: 1, name: /週末快閃/ })).toBeTruthy();
    expect(new URLSearchParams(location.search).get('campaign')).toBe(String(campaign.id));
  });
});

it('has English for every word of the dashboard', () => {
  const keys = (texts: object) => Object.keys(texts).sort();
  expect(keys(staffDashboardEn.staffDashboard)).toEqual(keys(dashboardMessages.get()));
});
