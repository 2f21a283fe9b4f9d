import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import { staffApi } from '../../../lib/staff-api.ts';
import { withProduct } from '../../../testing/render.tsx';
import { staffMarketingEn } from '../../../translations/staff-marketing-en.ts';
import { liveCount } from './segment-count.tsx';
import {
  ruleMessages,
  ruleProblemMessages,
  segmentErrorMessages,
  segmentMessages,
} from './segment-messages.ts';

const product = withProduct();
// The count goes at once after each change: the test waits for the answer, never for a timer.
beforeAll(() => {
  liveCount.delayMs = 0;
});

const openSegments = (username: string) =>
  product.signInToConsole(username, { query: '?page=segments', landing: '分眾' });

const condition = (name: string) => screen.getByRole('group', { name });

describe('the segments page', () => {
  it('counts the rules live, names a wrong condition on its row, then saves, renames and deletes', async () => {
    await product.store('TPE01', '台北信義店');
    await product.importMember('0911222333', '1985-03-03');
    await product.staff('max', 'marketer');
    await openSegments('max');
    expect(await screen.findByText('還沒有儲存的分眾')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '新增分眾' }));
    const form = await screen.findByRole('form', { name: '建立分眾' });
    // A new segment starts from opted-in LINE friends, counted by the server as soon as it shows.
    expect(within(form).getByRole('group', { name: '是 LINE 好友' })).toBeTruthy();
    expect(await within(form).findByText('符合 0 人，可行銷 0 人')).toBeTruthy();
    expect(within(form).getByText(/計算（會員資料尚未統計）/)).toBeTruthy();

    // A store condition with no store chosen: the server says which, on that row, and the count waits.
    fireEvent.click(within(form).getByRole('button', { name: '新增條件' }));
    const [, , added] = within(form).getAllByRole('combobox', { name: '條件' });
    fireEvent.change(added!, { target: { value: 'homeStore' } });
    expect(await within(condition('常用門市')).findByText('請選擇至少一項')).toBeTruthy();
    expect(within(form).getByText('條件尚未完成，請修正標示的欄位。')).toBeTruthy();
    expect(condition('常用門市').getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(within(condition('常用門市')).getByLabelText('TPE01 台北信義店'));
    expect(await within(form).findByText('符合 0 人，可行銷 0 人')).toBeTruthy();
    expect(within(condition('常用門市')).queryByText('請選擇至少一項')).toBeNull();

    // An OR group inside: spend in the last 90 days, with a range the wrong way round.
    fireEvent.click(within(form).getAllByRole('button', { name: '新增群組' })[0]!);
    const tier = condition('會員等級');
    fireEvent.change(within(tier).getByRole('combobox', { name: '條件' }), { target: { value: 'spend' } });
    const spend = condition('消費金額（NT$）');
    fireEvent.change(within(spend).getByLabelText('期間'), { target: { value: '90' } });
    // At least NT$5,000 at first; between two sums, the wrong way round.
    expect(within(spend).queryByLabelText('最多')).toBeNull();
    fireEvent.change(within(spend).getByLabelText('比較方式'), { target: { value: 'between' } });
    fireEvent.change(within(spend).getByLabelText('最少'), { target: { value: '200' } });
    fireEvent.change(within(spend).getByLabelText('最多'), { target: { value: '100' } });
    expect(await within(spend).findByText('至少填最少或最多其中一個，且最少不可大於最多')).toBeTruthy();
    fireEvent.change(within(spend).getByLabelText('最少'), { target: { value: '10' } });
    await waitFor(() => expect(within(form).queryByText('條件尚未完成，請修正標示的欄位。')).toBeNull());

    // Saving with no name: the server names the field.
    fireEvent.click(within(form).getByRole('button', { name: '建立分眾' }));
    expect(await within(form).findByText('請輸入 1 至 60 字的名稱')).toBeTruthy();
    fireEvent.change(within(form).getByLabelText('名稱'), { target: { value: '信義店常客' } });
    fireEvent.click(within(form).getByRole('button', { name: '建立分眾' }));
    expect(await screen.findByText('已建立分眾')).toBeTruthy();
    expect(await screen.findByRole('cell', { name: '信義店常客' })).toBeTruthy();
    const [saved] = await staffApi.get<{ id: number; rules: unknown }[]>('/segments');
    expect(saved!.rules).toMatchObject({
      all: [
        { field: 'lineFriend' },
        { field: 'marketingOptIn', value: true },
        { field: 'homeStore', storeIds: [expect.any(Number)] },
        { any: [{ field: 'spend', days: 90, min: 10, max: 100 }] },
      ],
    });

    // Renamed: the builder opens with the saved rules.
    fireEvent.click(screen.getByRole('button', { name: '編輯 信義店常客' }));
    const edit = await screen.findByRole('form', { name: '儲存' });
    expect(within(condition('消費金額（NT$）')).getByLabelText('最少')).toHaveProperty('value', '10');
    fireEvent.change(within(edit).getByLabelText('名稱'), { target: { value: '信義店高消費' } });
    fireEvent.click(within(edit).getByRole('button', { name: '儲存' }));
    expect(await screen.findByRole('cell', { name: '信義店高消費' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '刪除 信義店高消費' }));
    fireEvent.click(await screen.findByRole('button', { name: '確定刪除' }));
    expect(await screen.findByText('已刪除分眾')).toBeTruthy();
    expect(await screen.findByText('還沒有儲存的分眾')).toBeTruthy();
    expect(await staffApi.get('/segments')).toEqual([]);
  });

  it('shows a store manager the saved segments without the buttons that change them', async () => {
    const storeId = await product.store('TPE01', '台北信義店');
    await product.staff('mia', 'store_manager', [storeId]);
    await openSegments('mia');
    expect(await screen.findByText('只有行銷與管理員可以新增或修改分眾。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '新增分眾' })).toBeNull();
  });
});

// Without English for a text, a marketer who chose English reads it in Chinese: nanostores falls back to the base.
it('gives every segment page text English', () => {
  const keys = (texts: object) => Object.keys(texts).sort();
  expect(keys(staffMarketingEn.staffSegments)).toEqual(keys(segmentMessages.get()));
  expect(keys(staffMarketingEn.staffSegmentRules)).toEqual(keys(ruleMessages.get()));
  expect(keys(staffMarketingEn.staffSegmentProblems)).toEqual(keys(ruleProblemMessages.get()));
  expect(keys(staffMarketingEn.staffSegmentErrors)).toEqual(keys(segmentErrorMessages.get()));
});
