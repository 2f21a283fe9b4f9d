import { fireEvent, screen, within } from '@testing-library/react';
import { expect, it } from 'vitest';
import { formatDate, formatDateTime } from '../../../lib/format.ts';
import { navigate, openPage, renderApp, withProduct } from '../../../testing/render.tsx';
import { aMemberAndTheirShop } from './test-data.ts';

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

it('shows a coupon’s terms, validity in Taipei, stores, channels and code, and the member card to use it', async () => {
  const shop = await aMemberAndTheirShop(product);
  const templateId = await shop.template({
    ...{ validFrom: '2026-01-01T00:00:00+08:00', validUntil: '2099-12-31T23:59:00+08:00' },
    ...{ storeIds: [shop.storeId], channels: ['store', 'online'], terms: '限內用。\n不得與其他優惠併用。' },
  });
  const coupon = await shop.give(templateId);
  openPage(product.staffOrigin(), `?page=coupons&coupon=${coupon.id}`);
  renderApp({ token: shop.token });

  await screen.findByRole('heading', { name: '咖啡折價券' });
  const details = Object.fromEntries(
    [...document.querySelectorAll('.coupon-detail dt')].map((term) => [
      term.textContent,
      term.nextElementSibling!.textContent,
    ]),
  );
  expect(details).toEqual({
    有效期間: `${formatDateTime('2026-01-01T00:00+08:00')} 至 ${formatDateTime('2099-12-31T23:59+08:00')}`,
    適用門市: '台北信義店',
    使用通路: '門市、線上',
    優惠券代碼: coupon.code,
    使用說明: '限內用。\n不得與其他優惠併用。',
  });

  fireEvent.click(screen.getByRole('button', { name: '使用優惠券' }));
  expect(screen.getByText('結帳時出示會員卡，店員掃描即可使用優惠券')).toBeTruthy();
  const card = await screen.findByRole('region', { name: '會員卡' });
  expect(await within(card).findByTestId('member-qr')).toBeTruthy();

  fireEvent.click(screen.getByRole('link', { name: '返回我的優惠券' }));
  expect(await screen.findByRole('heading', { name: '我的優惠券' })).toBeTruthy();

  // Away by a tab and back by the 優惠券 tab: the wallet, not the coupon last seen.
  fireEvent.click(await screen.findByRole('link', { name: /咖啡折價券/ }));
  await screen.findByRole('heading', { name: '咖啡折價券' });
  fireEvent.click(screen.getByRole('button', { name: /點數/ }));
  await screen.findByRole('heading', { name: '我的點數' });
  fireEvent.click(screen.getByRole('button', { name: /優惠券/ }));
  expect(await screen.findByRole('heading', { name: '我的優惠券' })).toBeTruthy();
});

it('answers a coupon that is not the member’s as not found', async () => {
  const shop = await aMemberAndTheirShop(product);
  openPage(product.staffOrigin(), '?page=coupons&coupon=999');
  renderApp({ token: shop.token });
  expect((await screen.findByRole('alert')).textContent).toBe('找不到這張優惠券。');
});

it('reads in English for a shopper whose LINE is in English, in the coupon’s own English words', async () => {
  const shop = await aMemberAndTheirShop(product);
  await shop.give(
    await shop.template({
      ...{ kind: 'percent_off', amountOff: null, percentOff: 15, maxDiscount: 80, minSpend: 200 },
      ...{ title: '85 折', titleEn: '15% off everything' },
    }),
  );
  openPage(product.staffOrigin(), '?page=coupons');
  renderApp({ token: shop.token, language: 'en' });
  await screen.findByRole('heading', { name: 'My coupons' });
  expect(screen.getByRole('button', { name: /Coupons/ }).getAttribute('aria-current')).toBe('page');
  const coupon = await within(screen.getByRole('tabpanel')).findByRole('link');
  expect(coupon.textContent).toMatch(
    /^15% off15% off everything15% off up to NT\$80On a spend of NT\$200 or moreValid through \d{4}-\d{2}-\d{2}$/,
  );
  expect(screen.getByRole('tab', { name: 'Used' })).toBeTruthy();
});
