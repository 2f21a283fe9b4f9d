import { fireEvent, screen, within } from '@testing-library/react';
import { expect, it } from 'vitest';
import { navigate } from '../../../app/router.ts';
import { renderApp, withProduct } from '../../../testing/render.tsx';

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
  expect(first.textContent).toMatch(/^獲得\d{4}\/\d{2}\/\d{2}\s\d{2}:\d{2}\s·\s台北信義店\+34$/);

  fireEvent.click(screen.getByRole('button', { name: '載入更多' }));
  await within(history).findByText('+10');
  expect(within(history).getAllByRole('listitem')).toHaveLength(25);
  expect(screen.queryByRole('button', { name: '載入更多' })).toBeNull();
});
