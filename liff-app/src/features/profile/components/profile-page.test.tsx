import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CARD_CACHE_KEY } from '../../../lib/store-keys.ts';
import { navigate, renderApp, withProduct } from '../../../testing/render.tsx';

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

afterEach(() => {
  vi.restoreAllMocks();
});

/** What the browser is asked to save: the page's own download link, caught before the save dialog. */
function catchDownloads() {
  const saved: { filename: string; blob: Blob }[] = [];
  const blobs = new Map<string, Blob>();
  const createObjectURL = URL.createObjectURL.bind(URL);
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob: Blob | MediaSource) => {
    const url = createObjectURL(blob);
    blobs.set(url, blob as Blob);
    return url;
  });
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ filename: this.download, blob: blobs.get(this.href)! });
  });
  return saved;
}

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

  it('refuses a number another membership uses, the same for any holder, and locks after five a day', async () => {
    await product.importMember('0933111222', '1965-03-08');
    const token = await openProfile();
    const phone = screen.getByLabelText('手機號碼');
    fireEvent.change(phone, { target: { value: '0933111222' } });
    fireEvent.click(screen.getByRole('button', { name: '儲存' }));
    expect(await screen.findByText('這個手機號碼已登記在其他會員資料，如有疑問請洽門市')).toBeTruthy();
    for (let i = 1; i < 5; i++) {
      const answer = await fetch('/api/liff/members/me', {
        method: 'PATCH',
        headers: { ...authorised(token).headers, 'content-type': 'application/json' },
        body: JSON.stringify({ phone: '0933111222' }),
      });
      expect(answer.status).toBe(400);
    }
    fireEvent.change(phone, { target: { value: '0944000111' } });
    fireEvent.click(screen.getByRole('button', { name: '儲存' }));
    expect(await screen.findByText(/^輸入已登記手機號碼的次數過多，請於 .+ 後再試。$/)).toBeTruthy();
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

  it('downloads a copy of all my data as the JSON file the server names', async () => {
    await openProfile();
    const saved = catchDownloads();
    fireEvent.click(screen.getByRole('button', { name: '下載我的資料（JSON）' }));
    expect(await screen.findByText('已下載')).toBeTruthy();

    expect(saved).toHaveLength(1);
    expect(saved[0]!.filename).toMatch(/^member-[\w-]+-\d{4}-\d{2}-\d{2}\.json$/);
    const data = JSON.parse(await saved[0]!.blob.text());
    expect(data.membership).toMatchObject({ name: '王小明', phone: '0912345678', birthday: '1990-05-20' });
    expect(data.membership).not.toHaveProperty('cardSecret');
    expect(data.lineProfile).toMatchObject({ displayName: '王小明' });
  });

  it('unbinds LINE after a confirmation, keeping the membership to bind again, and forgets the card', async () => {
    const token = await openProfile();
    expect(localStorage.getItem(CARD_CACHE_KEY)).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '解除 LINE 綁定' }));
    expect(screen.getByText(/會員資格、點數與等級都會保留/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '取消' }));
    expect(screen.queryByRole('button', { name: '確定解除綁定' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: '解除 LINE 綁定' }));
    fireEvent.click(screen.getByRole('button', { name: '確定解除綁定' }));
    expect(await screen.findByRole('heading', { name: '加入會員' })).toBeTruthy();
    expect((await fetch('/api/liff/card', authorised(token))).status).toBe(404);
    expect(localStorage.getItem(CARD_CACHE_KEY)).toBeNull();

    // The membership is still there: the same phone number is offered for claiming.
    const answer = await fetch('/api/liff/members', {
      method: 'POST',
      headers: { ...authorised(token).headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        phone: '0912345678',
        name: '王小明',
        birthday: '1990-05-20',
        gender: null,
        email: null,
        homeStoreId: 1,
        acceptTerms: true,
        termsVersion: '2026-11-01',
        privacyVersion: '2026-11-01',
        marketingOptIn: false,
      }),
    });
    expect(await answer.json()).toMatchObject({ code: 'PHONE_REGISTERED' });
  });
});
