import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { openPage, renderApp, withProduct } from '../../../testing/render.tsx';

const product = withProduct();

describe('a claim code from the counter', () => {
  it('is handed to an in-store member by the clerk, and claims the membership in LINE', async () => {
    const storeId = await product.store();
    await product.staff('amy', 'clerk', [storeId]);
    await product.importMember('0933111222', '1965-03-08', '陳美玲');
    await product.openCounter('amy');

    const panel = screen.getByRole('region', { name: '會員綁定碼' });
    fireEvent.change(within(panel).getByLabelText('會員的手機號碼或會員編號'), {
      target: { value: '0912000000' },
    });
    fireEvent.click(within(panel).getByRole('button', { name: '產生綁定碼' }));
    expect(await within(panel).findByText('找不到這位會員。')).toBeTruthy();
    fireEvent.change(within(panel).getByLabelText('會員的手機號碼或會員編號'), {
      target: { value: '0933-111-222' },
    });
    expect(within(panel).queryByText('找不到這位會員。')).toBeNull(); // gone once the number is corrected
    fireEvent.click(within(panel).getByRole('button', { name: '產生綁定碼' }));
    const issued = await within(panel).findByRole('status');
    expect(within(issued).getByText(/^給 陳○玲（M\d+）：.+ 前有效，只能使用一次。/)).toBeTruthy();
    const code = issued.querySelector('strong')!.textContent!;
    expect(code).toMatch(/^\d{4} \d{4}$/);
    cleanup();

    openPage(product.current.origin);
    const { token } = await product.shopper('陳美玲');
    renderApp({ token });
    await screen.findByRole('heading', { name: '加入會員' });
    fireEvent.change(screen.getByLabelText('手機號碼'), { target: { value: '0933111222' } });
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '陳美玲' } });
    fireEvent.change(screen.getByLabelText(/^生日/), { target: { value: '1966-01-01' } });
    fireEvent.change(screen.getByLabelText('常用門市'), {
      target: { value: screen.getByText('台北信義店').getAttribute('value') },
    });
    fireEvent.click(screen.getByRole('checkbox', { name: /會員條款/ }));
    fireEvent.click(screen.getByRole('button', { name: '加入會員' }));
    await screen.findByRole('heading', { name: '這個手機號碼已登記為會員' });
    fireEvent.click(screen.getByRole('button', { name: '改用門市綁定碼' }));
    fireEvent.change(screen.getByLabelText(/^綁定碼/), { target: { value: code } });
    fireEvent.click(screen.getByRole('button', { name: '綁定會員' }));
    expect(await screen.findByRole('heading', { name: '陳美玲' })).toBeTruthy();
  });
});
