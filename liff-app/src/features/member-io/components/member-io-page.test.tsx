import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { withProduct } from '../../../testing/render.tsx';

const product = withProduct();

const file = [
  '手機,姓名,生日,常用門市,期初點數,等級',
  '0912000001,王小明,1980-05-06,,120,',
  '09120,張三,1990-01-01,,10,',
  '0912000003,李四,1991-02-03,XYZ99,10,',
].join('\n');

describe('the import and export page', () => {
  it('previews a file with two bad rows in zh-TW, runs it to the end and exports the members', async () => {
    await product.staff('boss', 'admin');
    await product.signInToConsole('boss', { query: '?page=member-io', landing: '匯入與匯出' });
    fireEvent.change(screen.getByLabelText('選擇 CSV 檔'), {
      target: { files: [new File([file], 'shops.csv', { type: 'text/csv' })] },
    });
    const errors = await screen.findByRole('table', { name: '有問題的列（不會匯入）' });
    expect(within(errors).getByText('手機號碼須為 09 開頭的 10 位數字')).toBeTruthy();
    expect(within(errors).getByText('沒有這個門市代碼的營業中門市')).toBeTruthy();
    expect(screen.getByText('共 3 列：2 列有問題，0 列的手機已是會員（不會重複建立）').className).toBe(
      'warning',
    );
    // In the first rows, a bad row stands out and its problem is in the danger colour; a good one is tagged.
    const first = screen.getByRole('table', { name: '前幾列' });
    const shortPhone = within(first).getByRole('cell', { name: '09120' }).closest('tr')!;
    expect(shortPhone.className).toBe('invalid');
    expect(within(shortPhone).getByText('手機號碼須為 09 開頭的 10 位數字').className).toBe('problem');
    const good = within(first).getByRole('cell', { name: '王小明' }).closest('tr')!;
    expect(within(good).getByText('可匯入').className).toBe('tag on');

    fireEvent.click(screen.getByRole('button', { name: '開始匯入' }));
    expect(
      await screen.findByText('匯入完成：新增 1 位會員，0 位已是會員', {}, { timeout: 10_000 }),
    ).toBeTruthy();
    // The preview is gone once the rows went in (they keep no personal data); the rows left out stay listed.
    expect(screen.queryByRole('table', { name: '前幾列' })).toBeNull();
    expect(screen.getByRole('table', { name: '有問題的列（不會匯入）' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '開始匯入' })).toBeNull();
    expect(screen.getByRole('link', { name: '下載錯誤報告' }).getAttribute('href')).toMatch(/errors\.csv$/);

    fireEvent.click(screen.getByRole('button', { name: '匯出會員' }));
    expect(await screen.findByText('已下載 members.csv：1 列')).toBeTruthy();
  });
});
