import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { withProduct } from '../../../testing/render.tsx';

const product = withProduct();

const problemOf = (input: HTMLElement) =>
  document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent;

describe('the staff editor', () => {
  it('shows every field’s problem at once, each on its field, and forgets one once it is changed', async () => {
    await product.store('TPE01', '台北信義店');
    await product.store('TPE02', '台北南西店');
    await product.staff('boss', 'admin');
    await product.signInToConsole('boss', { query: '?page=staff', landing: '員工' });
    fireEvent.click(await screen.findByRole('button', { name: '新增員工' }));
    const form = await screen.findByRole('form', { name: '新增員工' });
    fireEvent.change(within(form).getByLabelText('帳號（登入用）'), { target: { value: 'A B' } });
    fireEvent.change(within(form).getByLabelText('密碼（至少 10 個字元）'), { target: { value: 'short' } });
    fireEvent.click(within(form).getByRole('button', { name: '建立員工' }));

    const username = within(form).getByLabelText('帳號（登入用）');
    const name = within(form).getByLabelText('姓名');
    await within(form).findByText('帳號需 3 至 32 個英文小寫、數字或 . _ -');
    expect(problemOf(username)).toBe('帳號需 3 至 32 個英文小寫、數字或 . _ -');
    expect(problemOf(name)).toBe('請輸入 1 至 50 個字');
    expect(problemOf(within(form).getByLabelText('密碼（至少 10 個字元）'))).toBe('密碼至少需要 10 個字元');
    expect(within(form).getByText('店員與店長至少需要一家門市')).toBeTruthy();

    fireEvent.change(name, { target: { value: '王小美' } });
    expect(problemOf(name)).toBeUndefined();
    expect(name.getAttribute('aria-invalid')).toBe('false');
    fireEvent.click(within(form).getByLabelText('TPE02 台北南西店'));
    expect(within(form).queryByText('店員與店長至少需要一家門市')).toBeNull();
    expect(problemOf(username)).toBe('帳號需 3 至 32 個英文小寫、數字或 . _ -');
  });
});
