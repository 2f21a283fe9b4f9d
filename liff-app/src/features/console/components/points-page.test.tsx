import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { withProduct } from '../../../testing/render.tsx';

const product = withProduct();

const signInAs = (username: string) =>
  product.signInToConsole(username, { query: '?page=points', landing: '點數規則' });

describe('the points rules page', () => {
  it('lets an admin add a weekend double, explaining a rule that would do nothing', async () => {
    await product.staff('boss', 'admin');
    await signInAs('boss');
    expect(await screen.findByText('目前沒有加碼規則。')).toBeTruthy();
    const form = screen.getByRole('form', { name: '新增規則' });
    fireEvent.change(within(form).getByLabelText('名稱'), { target: { value: '週末雙倍' } });
    fireEvent.change(within(form).getByLabelText('倍數（例如 2 為雙倍）'), { target: { value: '1' } });
    fireEvent.click(within(form).getByRole('button', { name: '新增規則' }));
    expect(await within(form).findByText('倍數大於 1 或加贈點數大於 0，規則才有作用')).toBeTruthy();

    fireEvent.change(within(form).getByLabelText('倍數（例如 2 為雙倍）'), { target: { value: '2' } });
    fireEvent.click(within(form).getByLabelText('六'));
    fireEvent.click(within(form).getByLabelText('日'));
    fireEvent.change(within(form).getByLabelText('結束日期（含，當天 23:59 結束）'), {
      target: { value: '2026-12-31' },
    });
    fireEvent.click(within(form).getByRole('button', { name: '新增規則' }));
    expect(await screen.findByRole('cell', { name: '週末雙倍' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: '2x' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: '2026-12-31' })).toBeTruthy();
    const settings = await (await fetch('/api/staff/points-settings')).json();
    expect(settings.rules[0]).toMatchObject({ weekdays: [0, 6], endsAt: '2026-12-31T16:00:00.000Z' });
  });

  it('shows a marketer the rules without letting them change anything', async () => {
    await product.staff('max', 'marketer');
    await signInAs('max');
    expect(await screen.findByText('只有管理員可以修改點數規則。')).toBeTruthy();
    expect(screen.queryByRole('form', { name: '新增規則' })).toBeNull();
    expect(((await screen.findByLabelText('每消費多少元得 1 點（NT$）')) as HTMLInputElement).disabled).toBe(
      true,
    );
  });
});
