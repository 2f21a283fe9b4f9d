import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { staffApi } from '../../../lib/staff-api.ts';
import { withProduct } from '../../../testing/render.tsx';
import { staffChatSettingsEn } from '../../../translations/staff-chat-settings-en.ts';
import { chatSettingsFieldMessages, chatSettingsMessages } from './chat-settings-messages.ts';

const product = withProduct();

const type = (form: HTMLElement, label: string, value: string) =>
  fireEvent.change(within(form).getByLabelText(label), { target: { value } });

describe('the chat settings page', () => {
  it('lets a marketer add a keyword reply, answering a wrong field by name, without the admins’ hours', async () => {
    await product.staff('max', 'marketer');
    await product.signInToConsole('max', { query: '?page=chat-settings', landing: '聊天設定' });
    const rules = await screen.findByRole('region', { name: '關鍵字自動回覆' });
    expect(await within(rules).findByRole('cell', { name: '會員卡、card' })).toBeTruthy();
    fireEvent.click(within(rules).getByRole('button', { name: '新增' }));
    const form = within(rules).getByRole('form', { name: '關鍵字自動回覆' });
    type(form, '關鍵字（以逗號分隔）', '營業時間，hours');
    type(form, '回覆文字（英文）', 'Open 10:00–21:00.');
    fireEvent.click(within(form).getByRole('button', { name: '儲存' }));
    expect(await within(form).findByText('請輸入文字（不可空白，不可過長）')).toBeTruthy();
    type(form, '回覆文字（中文）', '每天 10:00–21:00 營業。');
    fireEvent.click(within(form).getByRole('button', { name: '儲存' }));
    expect(await within(rules).findByRole('cell', { name: '每天 10:00–21:00 營業。' })).toBeTruthy();
    const saved = await staffApi.get<{ rules: { keywords: string[] }[] }>('/chat/rules');
    expect(saved.rules.at(-1)!.keywords).toEqual(['營業時間', 'hours']);
    expect(screen.queryByRole('region', { name: '營業時間' })).toBeNull();
  });

  it('lets an admin change the business hours and the retention, a wrong one refused by its field', async () => {
    await product.staff('boss', 'admin');
    await product.signInToConsole('boss', { query: '?page=chat-settings', landing: '聊天設定' });
    const hours = await screen.findByRole('region', { name: '營業時間' });
    const form = await within(hours).findByRole('form', { name: '營業時間' });
    type(form, '聊天內容保存天數（30 至 3650）', '10');
    fireEvent.click(within(form).getByRole('button', { name: '儲存' }));
    expect(await within(form).findByText('請輸入 30 至 3650 的整數')).toBeTruthy();
    type(form, '聊天內容保存天數（30 至 3650）', '365');
    const sunday = within(form).getByRole('group', { name: '營業時間 1' });
    fireEvent.change(within(sunday).getByLabelText('結束'), { target: { value: '18:00' } });
    fireEvent.click(within(form).getByRole('button', { name: '儲存' }));
    expect(await screen.findByText('已儲存')).toBeTruthy();
    const settings = await staffApi.get<{ retentionDays: number; hours: { closes: string }[] }>(
      '/chat/settings',
    );
    expect(settings.retentionDays).toBe(365);
    expect(settings.hours[0]!.closes).toBe('18:00');
  });
});

// Without English for a word, a reader who chose English reads it in Chinese.
it('gives every chat settings word English', () => {
  const keys = (texts: object) => Object.keys(texts).sort();
  expect(keys(staffChatSettingsEn.staffChatSettings)).toEqual(keys(chatSettingsMessages.get()));
  expect(keys(staffChatSettingsEn.staffChatSettingsFields)).toEqual(keys(chatSettingsFieldMessages.get()));
});
