import { fireEvent, screen, within } from '@testing-library/react';
import { expect, it } from 'vitest';
import { openPage, renderApp, withProduct } from '../../../testing/render.tsx';
import { aMemberAndTheirShop } from './test-data.ts';

const product = withProduct();

it('exchanges points for a coupon after a confirm step, and says what a balance cannot pay', async () => {
  const shop = await aMemberAndTheirShop(product);
  await product.earn(shop.userId, 5, shop.storeId); // 10 + 11 + 12 + 13 + 14 = 60 points
  await shop.template({
    pointsPrice: 50,
    title: '拿鐵兌換券',
    kind: 'gift',
    amountOff: null,
    giftName: '拿鐵',
    giftNameEn: 'latte',
  });
  await shop.template({ pointsPrice: 100, title: '蛋糕兌換券' });
  openPage(product.staffOrigin(), '?page=rewards');
  renderApp({ token: shop.token });
  await screen.findByRole('heading', { name: '點數兌換' });
  expect((await screen.findByText('目前點數')).textContent).toBe('目前點數 60');

  const [latte, cake] = await screen.findAllByRole('listitem');
  expect(within(cake!).getByRole('button', { name: '兌換' }).hasAttribute('disabled')).toBe(true);
  expect(within(cake!).getByText('點數不足，還差 40 點')).toBeTruthy();

  fireEvent.click(within(latte!).getByRole('button', { name: '兌換' }));
  expect(within(latte!).getByText('兌換後將扣除 50 點')).toBeTruthy();
  fireEvent.click(within(latte!).getByRole('button', { name: '取消' }));
  expect(within(latte!).queryByText('兌換後將扣除 50 點')).toBeNull();

  fireEvent.click(within(latte!).getByRole('button', { name: '兌換' }));
  fireEvent.click(within(latte!).getByRole('button', { name: '確認兌換' }));
  const done = await screen.findByRole('status');
  expect(done.textContent).toMatch(/^兌換成功！剩餘 10 點。/);
  expect(screen.getByText('目前點數').textContent).toBe('目前點數 10');

  fireEvent.click(within(done).getByRole('link', { name: '查看我的優惠券' }));
  expect(await screen.findByRole('heading', { name: '拿鐵兌換券' })).toBeTruthy();
  expect(screen.getByText('贈 拿鐵')).toBeTruthy();
});
