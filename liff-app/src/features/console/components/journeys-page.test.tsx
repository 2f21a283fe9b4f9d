import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { staffApi } from '../../../lib/staff-api.ts';
import { withProduct } from '../../../testing/render.tsx';
import { staffJourneysEn } from '../../../translations/staff-journeys-en.ts';
import { journeyFieldMessages, journeyMessages } from './journeys-messages.ts';

const product = withProduct();

describe('the journeys page', () => {
  it('switches a journey on with its delay and words, naming a wrong delay on its field', async () => {
    await product.staff('max', 'marketer');
    await product.signInToConsole('max', { query: '?page=journeys', landing: '自動旅程' });
    const form = await screen.findByRole('form', { name: '入會歡迎' });
    expect(within(form).getByText('入會歡迎 · 已關閉')).toBeTruthy();
    // When it would run, in Taipei time: today's pass within the schedule's five minutes of switching on.
    expect(within(form).getByRole('note', { name: '下次執行' }).textContent).toMatch(
      /^開啟並儲存後，\d{4}\/\d{2}\/\d{2}\s\d{2}:\d{2} 前執行（台北時間）/,
    );
    fireEvent.click(within(form).getByLabelText('開啟'));
    fireEvent.change(within(form).getByLabelText('入會後第幾天送出'), { target: { value: '0' } });
    fireEvent.click(within(form).getByRole('button', { name: '儲存' }));
    expect(await within(form).findByText('天數不在允許的範圍內')).toBeTruthy();

    fireEvent.change(within(form).getByLabelText('入會後第幾天送出'), { target: { value: '2' } });
    fireEvent.change(within(form).getByLabelText('文字（中文）'), { target: { value: '歡迎！' } });
    fireEvent.click(within(form).getByRole('button', { name: '儲存' }));
    expect(await screen.findByText('已儲存「入會歡迎」')).toBeTruthy();
    expect(await screen.findByText('入會歡迎 · 已開啟')).toBeTruthy();
    const switchedOn = screen.getByRole('form', { name: '入會歡迎' });
    expect(within(switchedOn).getByRole('note', { name: '下次執行' }).textContent).toMatch(
      /^下次執行：\d{4}\/\d{2}\/\d{2}\s\d{2}:\d{2} 前（台北時間）/,
    );
    const [welcome] =
      await staffApi.get<{ kind: string; enabled: boolean; delayDays: number; message: object }[]>(
        '/journeys',
      );
    expect(welcome).toMatchObject({
      kind: 'welcome',
      enabled: true,
      delayDays: 2,
      message: { kind: 'text', zh: { text: '歡迎！' } },
    });
  });
});

it('has English for every word of the journeys page', () => {
  const keys = (texts: object) => Object.keys(texts).sort();
  expect(keys(staffJourneysEn.staffJourneys)).toEqual(keys(journeyMessages.get()));
  expect(keys(staffJourneysEn.staffJourneyFields)).toEqual(keys(journeyFieldMessages.get()));
});
