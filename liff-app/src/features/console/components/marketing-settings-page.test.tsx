import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { staffApi } from '../../../lib/staff-api.ts';
import { withProduct } from '../../../testing/render.tsx';
import { staffMarketingEn } from '../../../translations/staff-marketing-en.ts';
import {
  campaignErrorMessages,
  campaignFieldMessages,
  campaignFormMessages,
  campaignMessages,
  campaignProgressMessages,
  campaignSendMessages,
} from './campaign-messages.ts';
import { marketingSettingsFieldMessages, marketingSettingsMessages } from './marketing-settings-page.tsx';

const product = withProduct();

const type = (form: HTMLElement, label: string, value: string) =>
  fireEvent.change(within(form).getByLabelText(label), { target: { value } });

describe('the marketing settings page', () => {
  it("changes the brand's rules, answering a wrong one by its field, and the cost follows the plan and budget", async () => {
    await product.staff('boss', 'admin');
    await product.signInToConsole('boss', { query: '?page=marketing', landing: '行銷設定' });
    const form = await screen.findByRole('form', { name: '行銷設定' });
    expect(within(form).getByLabelText('勿擾時段開始（台北時間）')).toHaveProperty('value', '22:00');
    type(form, '每位會員每 7 天最多收到幾則行銷推播', '0');
    type(form, '每月訊息費用預算（NT$，留空為不設定）', '5000');
    fireEvent.click(within(form).getByRole('button', { name: '儲存' }));
    expect(await within(form).findByText('請輸入 1 至 50 的整數')).toBeTruthy();
    expect(
      (await staffApi.get<{ monthlyBudget: number | null }>('/marketing-settings')).monthlyBudget,
    ).toBeNull();

    type(form, '每位會員每 7 天最多收到幾則行銷推播', '3');
    fireEvent.change(within(form).getByLabelText('目前使用的 LINE 方案'), { target: { value: 'high' } });
    fireEvent.click(within(form).getByRole('button', { name: '儲存' }));
    expect(await screen.findByText('已儲存行銷設定')).toBeTruthy();
    expect(await staffApi.get('/marketing-settings')).toMatchObject({
      weeklyLimit: 3,
      monthlyBudget: 5000,
      planCode: 'high',
      quietStart: '22:00',
    });

    // A campaign's cost is priced by the plan and budget just saved.
    const segment = await staffApi.post<{ id: number }>('/segments', {
      name: '全部會員',
      rules: { field: 'age', min: 0 },
    });
    await staffApi.post('/campaigns', {
      name: '新品通知',
      segmentId: segment.id,
      message: { kind: 'text', zh: { text: '新品上市！' }, en: { text: 'New in!' } },
    });
    fireEvent.click(screen.getByRole('button', { name: '行銷活動' }));
    fireEvent.click(await screen.findByRole('button', { name: '查看 新品通知' }));
    const cost = await screen.findByRole('region', { name: '發送人數與費用' });
    const figure = async (label: string) =>
      (await within(cost).findByText(label, { selector: 'dt' })).nextElementSibling!.textContent;
    expect(await figure('LINE 方案')).toBe('高用量（月費 NT$1,200，含 6,000 則）');
    expect(await figure('本月預算')).toBe('NT$5,000');
    expect(await figure('預算剩餘')).toBe('NT$5,000');
  });

  it('is offered to admins only', async () => {
    await product.staff('max', 'marketer');
    await product.signInToConsole('max', { query: '?page=marketing', landing: '儀表板' });
    expect(screen.queryByRole('heading', { name: '行銷設定' })).toBeNull();
  });
});

// Without English for a text, a marketer who chose English reads it in Chinese: nanostores falls back to the base.
it('gives every campaign and settings text English', () => {
  const keys = (texts: object) => Object.keys(texts).sort();
  expect(keys(staffMarketingEn.staffCampaigns)).toEqual(keys(campaignMessages.get()));
  expect(keys(staffMarketingEn.staffCampaignForm)).toEqual(keys(campaignFormMessages.get()));
  expect(keys(staffMarketingEn.staffCampaignFields)).toEqual(keys(campaignFieldMessages.get()));
  expect(keys(staffMarketingEn.staffCampaignSend)).toEqual(keys(campaignSendMessages.get()));
  expect(keys(staffMarketingEn.staffCampaignProgress)).toEqual(keys(campaignProgressMessages.get()));
  expect(keys(staffMarketingEn.staffCampaignErrors)).toEqual(keys(campaignErrorMessages.get()));
  expect(keys(staffMarketingEn.staffMarketingSettings)).toEqual(keys(marketingSettingsMessages.get()));
  expect(keys(staffMarketingEn.staffMarketingSettingsFields)).toEqual(
    keys(marketingSettingsFieldMessages.get()),
  );
});
