import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { withProduct } from '../testing/render.tsx';

const product = withProduct();
const PASSWORD = 'correct horse battery';

async function signIn(username: string, password = PASSWORD) {
  fireEvent.change(await screen.findByLabelText('帳號'), { target: { value: username } });
  fireEvent.change(screen.getByLabelText('密碼'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: '登入' }));
}

describe('signing in to the staff console', () => {
  it('says plainly when the password is wrong, then lets the clerk in at their store', async () => {
    const storeId = await product.store('TPE01', '台北信義店');
    await product.staff('amy', 'clerk', [storeId]);
    product.openConsole();
    await signIn('amy', 'not my password');
    expect(await screen.findByText('帳號或密碼錯誤。')).toBeTruthy();
    await signIn('amy');
    expect(await screen.findByRole('heading', { name: '門市' })).toBeTruthy();
    expect(screen.getByText('amy・店員・台北信義店')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '新增門市' })).toBeNull();
    expect(await screen.findByRole('cell', { name: 'TPE01' })).toBeTruthy();
  });

  it('tells a locked account until when, in Taipei time', async () => {
    await product.staff('boss', 'admin');
    product.openConsole();
    for (let i = 0; i < 5; i++) {
      await signIn('boss', `wrong password ${i}`);
      await screen.findByRole('button', { name: '登入' });
    }
    const message = await screen.findByText(/帳號已鎖定，請於 \d\d:\d\d（台北時間）後再試/);
    const [, hhmm] = message.textContent!.match(/(\d\d:\d\d)/)!;
    const expected = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Taipei',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(Date.now() + 15 * 60_000);
    expect([expected]).toContain(hhmm);
  });

  it('asks a store manager with two stores where they work today', async () => {
    const tpe = await product.store('TPE01', '台北信義店');
    const txg = await product.store('TXG01', '台中公益店');
    await product.staff('mia', 'store_manager', [tpe, txg]);
    product.openConsole();
    await signIn('mia');
    expect(await screen.findByText('請選擇今天工作的門市。')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('今天工作的門市'), { target: { value: String(txg) } });
    fireEvent.click(screen.getByRole('button', { name: '登入' }));
    expect(await screen.findByText('mia・店長・台中公益店')).toBeTruthy();
    expect(await screen.findByRole('cell', { name: 'TXG01' })).toBeTruthy();
  });

  it('shows the sign-in form in English after the language switch', async () => {
    product.openConsole();
    fireEvent.click(await screen.findByRole('button', { name: 'English' }));
    expect(await screen.findByRole('heading', { name: 'Staff sign-in' })).toBeTruthy();
    expect(screen.getByLabelText('Password')).toBeTruthy();
  });

  it('comes back signed in after a reload: the cookie outlives the page', async () => {
    await product.staff('boss', 'admin');
    const first = product.openConsole('?page=stores');
    await signIn('boss');
    await screen.findByText('還沒有門市');
    first.unmount();
    product.openConsole('?page=stores');
    expect(await screen.findByText('還沒有門市')).toBeTruthy();
  });
});
