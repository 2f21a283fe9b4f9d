import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { withProduct } from '../../../testing/render.tsx';

const product = withProduct();

const signInAs = (username: string) => product.signInToConsole(username);

describe('the stores page', () => {
  it('lets an admin create a store, refusing a code in use, and the audit log records who did it', async () => {
    await product.store('TPE01', '台北信義店');
    await product.staff('boss', 'admin');
    await signInAs('boss');
    await screen.findByRole('cell', { name: 'TPE01' });

    fireEvent.click(screen.getByRole('button', { name: '新增門市' }));
    const form = screen.getByRole('form', { name: '新增門市' });
    fireEvent.change(within(form).getByLabelText('門市代碼'), { target: { value: 'tpe01' } });
    fireEvent.change(within(form).getByLabelText('門市名稱'), { target: { value: '台北南西店' } });
    fireEvent.click(within(form).getByRole('button', { name: '建立門市' }));
    expect(await within(form).findByText('這個門市代碼已有門市使用。')).toBeTruthy();

    fireEvent.change(within(form).getByLabelText('門市代碼'), { target: { value: 'tpe02' } });
    fireEvent.click(within(form).getByRole('button', { name: '建立門市' }));
    expect(await screen.findByText('已建立門市')).toBeTruthy();
    expect(await screen.findByRole('cell', { name: 'TPE02' })).toBeTruthy();

    const audit = await (await fetch('/api/staff/audit?action=store')).json();
    expect(audit.entries[0]).toMatchObject({
      action: 'store.create',
      staff: { username: 'boss' },
      after: { code: 'TPE02', name: '台北南西店', active: true },
    });
  });

  it('deactivates a store after the admin confirms', async () => {
    await product.store('TPE01', '台北信義店');
    await product.staff('boss', 'admin');
    await signInAs('boss');
    fireEvent.click(await screen.findByRole('button', { name: '停用 台北信義店' }));
    expect(screen.getByRole('alert').textContent).toContain('停用後，員工無法在這家門市登入');
    fireEvent.click(screen.getByRole('button', { name: '確定停用' }));
    expect(await screen.findByRole('button', { name: '重新啟用 台北信義店' })).toBeTruthy();
    expect(screen.getByText('已停用')).toBeTruthy();
  });

  it('shows a clerk the list without the admin’s buttons', async () => {
    const storeId = await product.store('TPE01', '台北信義店');
    await product.staff('amy', 'clerk', [storeId]);
    await signInAs('amy');
    await screen.findByRole('cell', { name: 'TPE01' });
    expect(screen.queryByRole('button', { name: '新增門市' })).toBeNull();
    expect(screen.queryByRole('button', { name: /停用/ })).toBeNull();
    expect(screen.queryByRole('button', { name: '員工' })).toBeNull();
  });
});
