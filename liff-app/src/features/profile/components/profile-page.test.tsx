import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { navigate } from '../../../app/router.ts';
import { renderApp, withProduct } from '../../../testing/render.tsx';

const product = withProduct();

async function openProfile() {
  const storeId = await product.store();
  const { userId, token } = await product.shopper();
  await product.join(userId, storeId);
  renderApp({ token });
  await screen.findByRole('region', { name: '會員卡' });
  navigate('profile');
  await screen.findByRole('heading', { name: '會員資料' });
  return token;
}

const authorised = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('the profile', () => {
  it('saves contact fields and the marketing opt-in, and refuses a bad email field by field', async () => {
    const token = await openProfile();
    fireEvent.change(screen.getByLabelText('電子郵件（選填）'), { target: { value: 'bad' } });
    fireEvent.click(screen.getByRole('button', { name: '儲存' }));
    expect(screen.getByText('電子郵件格式不正確')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '王大明' } });
    fireEvent.change(screen.getByLabelText('電子郵件（選填）'), { target: { value: 'daming@example.com' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /優惠與活動訊息/ }));
    fireEvent.click(screen.getByRole('button', { name: '儲存' }));
    expect(await screen.findByText('已儲存')).toBeTruthy();

    const me = await (await fetch('/api/liff/me', authorised(token))).json();
    expect(me.member).toMatchObject({ name: '王大明', email: 'daming@example.com', marketingOptIn: true });
  });

  it('deletes the membership only after two confirmations, then offers to join again', async () => {
    const token = await openProfile();
    fireEvent.click(screen.getByRole('button', { name: '刪除會員資格' }));
    expect(screen.getByText(/點數紀錄會保留，但不再連結您的姓名/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '我了解，繼續' }));
    expect((await fetch('/api/liff/card', authorised(token))).status).toBe(200);

    fireEvent.click(screen.getByRole('button', { name: '最後確認：永久刪除我的會員資格' }));
    expect(await screen.findByRole('heading', { name: '加入會員' })).toBeTruthy();
    expect((await fetch('/api/liff/card', authorised(token))).status).toBe(404);
  });
});
