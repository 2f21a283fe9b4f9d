import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, withProduct } from '../src/testing/render.tsx';

const product = withProduct();

describe('the member centre', () => {
  it('shows a friend who is not a member the join form, in Traditional Chinese by default', async () => {
    await product.store();
    const { token } = await product.shopper('王小明', 'zh-TW');
    renderApp({ token });
    expect(await screen.findByRole('heading', { name: '加入會員' })).toBeTruthy();
    expect(screen.getByLabelText('手機號碼')).toBeTruthy();
  });

  it('speaks English when LINE says the language is English', async () => {
    const storeId = await product.store();
    const { userId, token } = await product.shopper('Amy', 'en');
    await product.join(userId, storeId, 'Amy');
    renderApp({ token, language: 'en' });
    expect(
      await screen.findByText('Turn up your screen brightness and show the code to the cashier.'),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: /Points/ })).toBeTruthy();
  });

  it("follows the server's record of the language when LINE did not tell", async () => {
    await product.store();
    const { token } = await product.shopper('Amy', 'en');
    renderApp({ token }, false);
    expect(await screen.findByRole('heading', { name: 'Become a member' })).toBeTruthy();
  });

  it('asks to reopen from LINE when the ID token has expired (demo: no LINE login to go to)', async () => {
    const { userId } = await product.shopper();
    const token = await product.expiredToken(userId);
    renderApp({ token });
    expect(await screen.findByText('登入已逾時，請關閉後從 LINE 重新開啟會員中心。')).toBeTruthy();
  });
});
