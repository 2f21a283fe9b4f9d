import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { withProduct } from '../../testing/render.tsx';

const product = withProduct();

const signInAs = (username: string) => product.signInToConsole(username);

const pagesOffered = () =>
  within(screen.getByRole('navigation', { name: '員工後台' }))
    .getAllByRole('button')
    .map((button) => button.textContent);

describe('the console offers what the session may do', () => {
  it('gives a store manager the stores, their members, the chat, their staff, the coupons, the segments, the campaigns and the journeys, to read only', async () => {
    const store = await product.store();
    await product.staff('mia', 'store_manager', [store]);
    await signInAs('mia');
    // The brand this console belongs to heads it (BRAND_NAME; the test product's is the default).
    expect(within(screen.getByRole('banner')).getByText('會員中心')).toBeTruthy();
    expect(pagesOffered()).toEqual([
      '門市',
      '會員',
      '對話',
      '員工',
      '優惠券',
      '分眾',
      '行銷活動',
      '自動旅程',
    ]);
    expect(screen.queryByRole('button', { name: '新增門市' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: '員工' }));
    expect(await screen.findAllByRole('cell', { name: 'mia' })).not.toHaveLength(0);
    expect(screen.queryByRole('button', { name: '新增員工' })).toBeNull();
  });

  it('gives a marketer the dashboard, the stores, the members, the chat settings, the points rules, the coupons, the segments, the campaigns, the journeys and the import', async () => {
    await product.staff('max', 'marketer');
    await signInAs('max');
    expect(pagesOffered()).toEqual([
      '儀表板',
      '門市',
      '會員',
      '聊天設定',
      '點數規則',
      '優惠券',
      '分眾',
      '行銷活動',
      '自動旅程',
      '匯入匯出',
    ]);
  });

  it('gives an admin the dashboard, the marketing settings, the import and export and the audit log too', async () => {
    await product.staff('boss', 'admin');
    await signInAs('boss');
    expect(pagesOffered()).toEqual([
      '儀表板',
      '門市',
      '會員',
      '對話',
      '聊天設定',
      '員工',
      '點數規則',
      '優惠券',
      '分眾',
      '行銷活動',
      '自動旅程',
      '行銷設定',
      '匯入匯出',
      '操作紀錄',
    ]);
  });
});

describe('the console opens on the home of the role', () => {
  it('opens on the dashboard for a marketer', async () => {
    await product.staff('max', 'marketer');
    await product.signInToConsole('max', { query: '', landing: '儀表板' });
    expect(screen.getByRole('button', { name: '儀表板', current: 'page' })).toBeTruthy();
  });

  it('opens on the stores for a store manager, who has no dashboard', async () => {
    const store = await product.store();
    await product.staff('mia', 'store_manager', [store]);
    await product.signInToConsole('mia', { query: '' });
    expect(screen.getByRole('button', { name: '門市', current: 'page' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '儀表板' })).toBeNull();
  });
});

describe('the console in English', () => {
  it('heads the page and the staff editor without full-width punctuation', async () => {
    await product.staff('boss', 'admin');
    await signInAs('boss');
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(await within(screen.getByRole('banner')).findByText('boss · Admin · All stores')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Staff' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit boss' }));
    expect(await screen.findByRole('heading', { name: 'Edit staff: boss' })).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/[\u3000-\u30ff\uff00-\uffef]/);
  });
});
