import { act, render, screen, within } from '@testing-library/react';
import { expect, it } from 'vitest';
import { chooseLanguage } from '../../../lib/staff-i18n.ts';
import { withProduct } from '../../../testing/render.tsx';
import { sentCampaign } from '../../../testing/sent-campaign.ts';
import { CampaignResultsSection } from './campaign-results.tsx';

const product = withProduct();

it('shows a sent campaign’s reach, clicks, the groups’ sales and the uplift, and the days as a table, in both languages', async () => {
  // The sender freezes and delivers in the background: the results are read once it says the campaign is sent.
  const campaign = await sentCampaign(product);
  render(<CampaignResultsSection campaignId={campaign.id} />);
  const section = (await screen.findByRole('heading', { name: '成效' })).closest('section')!;
  expect(await within(section).findByText(/起 14 天$/)).toBeTruthy();
  const figure = (label: string) => within(section).getByText(label).nextElementSibling?.textContent;
  expect(figure('發送人數')).toBe('1');
  expect(figure('已送達')).toBe('1');
  expect(figure('對照組人數（不發送）')).toBe('0');
  expect(figure('點擊會員數')).toBe('0');
  expect(within(section).getByRole('row', { name: /發送對象 1 0 NT\$0/ })).toBeTruthy();
  expect(within(section).getByText('對照組沒有人或沒有消費，無法計算差異。')).toBeTruthy();
  expect(within(section).getByText('以表格檢視每日數字')).toBeTruthy();
  expect(within(section).getByRole('rowheader', { name: '第 1 天' })).toBeTruthy();

  act(() => chooseLanguage('en'));
  expect(await within(section).findByRole('heading', { name: 'Results' })).toBeTruthy();
  expect(within(section).getByText('Show the daily figures as a table')).toBeTruthy();
  act(() => chooseLanguage('zh-TW'));
});
