import { fireEvent, screen, within } from '@testing-library/react';
import { expect, it } from 'vitest';
import { formatDate } from '../../../lib/format.ts';
import { navigate, renderApp, withProduct } from '../../../testing/render.tsx';
import { aMemberAndTheirShop } from '../test-data.ts';

const product = withProduct();
const DAY = 86_400_000;

it('sorts the coupons under 可使用, 已使用 and 已過期, each saying what it gives and until when in Taipei', async () => {
  const shop = await aMemberAndTheirShop(product);
  const coffee = await shop.give(await shop.template({ minSpend: 300 }));
  const nineTenths = await shop.template({
    ...{ kind: 'percent_off', amountOff: null, percentOff: 10, maxDiscount: 100, title: '全品項 9 折' },
    ...{ validFrom: null, validUntil: null, validDays: 7 },
  });
  const ninety = await shop.give(nineTenths);
  const later = new Date(Date.now() + 10 * DAY).toISOString();
  const giftTemplate = await shop.template({
    ...{ kind: 'gift', amountOff: null, giftName: '小餅乾', giftNameEn: 'cookie', title: '下週的小餅乾' },
    ...{ validFrom: later, validUntil: new Date(Date.now() + 20 * DAY).toISOString() },
  });
  await shop.give(giftTemplate);
  const cancelled = await shop.give(await shop.template({ title: '作廢的折價券' }));
  await shop.use(coffee.code, 500);
  await shop.void(cancelled.id);

  renderApp({ token: shop.token });
  await screen.findByRole('region', { name: '會員卡' });
  navigate('coupons');
  await screen.findByRole('heading', { name: '我的優惠券' });

  const list = () => screen.getByRole('tabpanel');
  // Each begins with its face: the picture's stand-in, saying what it gives in the fewest words.
  const usable = await within(list()).findAllByRole('link');
  expect(usable.map((coupon) => coupon.textContent)).toEqual([
    `9 折全品項 9 折9 折 最高折 NT$100使用期限至 ${formatDate(Date.now() + 7 * DAY)}`,
    `贈下週的小餅乾贈 小餅乾尚未開始 ${formatDate(later)} 起可用`,
  ]);
  expect(screen.getByRole('tab', { name: '可使用 2', selected: true })).toBeTruthy();
  expect(usable[0]!.getAttribute('href')).toBe(`?page=coupons&coupon=${ninety.id}`);

  fireEvent.click(screen.getByRole('tab', { name: '已使用' }));
  const used = await within(list()).findAllByRole('link');
  expect(used.map((coupon) => coupon.textContent)).toEqual([
    `NT$50咖啡折價券折 NT$50滿 NT$300 可用${formatDate(Date.now())} 於 台北信義店 使用`,
  ]);

  fireEvent.click(screen.getByRole('tab', { name: '已過期' }));
  expect((await within(list()).findByRole('link')).textContent).toBe('NT$50作廢的折價券折 NT$50已作廢');
});

it('says so when a tab has no coupons', async () => {
  const shop = await aMemberAndTheirShop(product);
  renderApp({ token: shop.token });
  await screen.findByRole('region', { name: '會員卡' });
  fireEvent.click(screen.getByRole('button', { name: /優惠券/ }));
  expect(await screen.findByText('目前沒有可使用的優惠券')).toBeTruthy();
  fireEvent.click(screen.getByRole('tab', { name: '已使用' }));
  expect(screen.getByText('還沒有使用過的優惠券')).toBeTruthy();
  fireEvent.click(screen.getByRole('tab', { name: '已過期' }));
  expect(screen.getByText('沒有過期的優惠券')).toBeTruthy();
});
