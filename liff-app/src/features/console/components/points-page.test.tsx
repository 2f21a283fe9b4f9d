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

const problemOf = (input: HTMLElement) =>
  document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent;

describe('the points rules page speaks of what each field holds', () => {
  it('says a share of the price is a percentage, and forgets the problem once the field is changed', async () => {
    await product.staff('boss', 'admin');
    await signInAs('boss');
    const policy = await screen.findByRole('form', { name: '點數政策' });
    const share = within(policy).getByLabelText('點數最多可折抵消費的百分比');
    fireEvent.change(share, { target: { value: '150' } });
    fireEvent.change(within(policy).getByLabelText('每消費多少元得 1 點（NT$）'), { target: { value: '0' } });
    fireEvent.click(within(policy).getByRole('button', { name: '儲存政策' }));
    // Both at once, each on its field.
    await within(policy).findByText('請輸入 0 至 100 的百分比');
    expect(problemOf(share)).toBe('請輸入 0 至 100 的百分比');
    expect(problemOf(within(policy).getByLabelText('每消費多少元得 1 點（NT$）'))).toBe('請輸入有效的數字');

    fireEvent.change(share, { target: { value: '40' } });
    expect(within(policy).queryByText('請輸入 0 至 100 的百分比')).toBeNull();
    expect(share.getAttribute('aria-invalid')).toBe('false');
    expect(within(policy).getByText('請輸入有效的數字')).toBeTruthy();
  });

  it('says a multiplier out of range is one, and labels each value of a rule on a phone', async () => {
    await product.staff('boss', 'admin');
    await signInAs('boss');
    const form = await screen.findByRole('form', { name: '新增規則' });
    fireEvent.change(within(form).getByLabelText('名稱'), { target: { value: '十一倍' } });
    fireEvent.change(within(form).getByLabelText('倍數（例如 2 為雙倍）'), { target: { value: '11' } });
    fireEvent.click(within(form).getByRole('button', { name: '新增規則' }));
    expect(await within(form).findByText('倍數需介於 1 至 10')).toBeTruthy();

    fireEvent.change(within(form).getByLabelText('倍數（例如 2 為雙倍）'), { target: { value: '3' } });
    fireEvent.click(within(form).getByRole('button', { name: '新增規則' }));
    const multiplier = await screen.findByRole('cell', { name: '3x' });
    // A narrow screen shows each cell as a card's line, headed by its data-label.
    expect(multiplier.dataset.label).toBe('倍數（例如 2 為雙倍）');
    expect(screen.getByRole('cell', { name: '每天' }).dataset.label).toBe('星期（台北時間，不選為每天）');
  });

  it('reads in English without Chinese weekdays or full-width colons', async () => {
    await product.staff('boss', 'admin');
    await signInAs('boss');
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    const form = await screen.findByRole('form', { name: 'Add rule' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Weekend' } });
    fireEvent.click(within(form).getByLabelText('Sat'));
    fireEvent.click(within(form).getByLabelText('Sun'));
    fireEvent.click(within(form).getByRole('button', { name: 'Add rule' }));
    expect(await screen.findByRole('cell', { name: 'Sun, Sat' })).toBeTruthy();
    const page = screen.getByRole('region', { name: 'Points rules' }).textContent ?? '';
    expect(page).toContain('Points expire on 31 December');
    expect(page).not.toMatch(/[：，、日一二三四五六]/);
  });
});
