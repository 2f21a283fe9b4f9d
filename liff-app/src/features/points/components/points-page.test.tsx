import { fireEvent, screen, within } from '@testing-library/react';
import { expect, it } from 'vitest';
import { navigate, openPage, renderApp, withProduct } from '../../../testing/render.tsx';

const product = withProduct();

it('shows the balance and the history newest first, twenty at a time', async () => {
  const storeId = await product.store();
  const { userId, token } = await product.shopper();
  await product.join(userId, storeId);
  await product.earn(userId, 25, storeId);
  renderApp({ token });
  await screen.findByRole('region', { name: '會員卡' });
  navigate('points');

  // 10 + 11 + ... + 34 points
  expect(await screen.findByText('550')).toBeTruthy();
  const history = (await screen.findByRole('heading', { name: '點數紀錄' })).parentElement!;
  expect(await within(history).findAllByRole('listitem')).toHaveLength(20);
  const first = within(history).getAllByRole('listitem')[0]!;
  expect(first.textContent).toMatch(/^獲得點數\d{4}\/\d{2}\/\d{2}\s\d{2}:\d{2}\s·\s台北信義店\+34$/);

  fireEvent.click(screen.getByRole('button', { name: '載入更多' }));
  await within(history).findByText('+10');
  expect(within(history).getAllByRole('listitem')).toHaveLength(25);
  expect(screen.queryByRole('button', { name: '載入更多' })).toBeNull();
});

it('shows the last day points can be used, and refunds and voids in the shop’s words, no zero rows', async () => {
  // 20 November 2026 in Taipei: last year's points expire at the end of this year, within the 90 days shown.
  openPage((await product.start('2026-11-20T02:00:00Z')).origin);
  const storeId = await product.store();
  const { userId, token } = await product.shopper();
  await product.join(userId, storeId);
  await product.refunds(userId, storeId);
  renderApp({ token });
  await screen.findByRole('region', { name: '會員卡' });
  navigate('points');

  expect(await screen.findByText('200 點將於 2026/12/31 到期')).toBeTruthy();
  const history = (await screen.findByRole('heading', { name: '點數紀錄' })).parentElement!;
  await within(history).findAllByRole('listitem');
  const rows = within(history)
    .getAllByRole('listitem')
    .map((row) => [
      row.querySelector('span')!.firstChild!.textContent,
      row.querySelector('strong')!.textContent,
    ]);
  expect(rows).toEqual([
    ['作廢', '-18'],
    ['作廢', '+100'],
    ['獲得點數', '+18'],
    ['點數折抵', '-100'],
    ['退款', '-10'],
    ['獲得點數', '+20'],
    ['獲得點數', '+200'],
  ]);
});
