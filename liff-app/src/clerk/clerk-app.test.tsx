import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { withProduct } from '../testing/render.tsx';
import { openClerkPage } from './testing.tsx';

const product = withProduct();

const openAs = (username: string) => openClerkPage(product, username);

async function aMemberAt(storeId: number) {
  const { userId } = await product.shopper('王小明');
  await product.join(userId, storeId);
}

async function find(phone: string) {
  fireEvent.change(screen.getByLabelText('會員條碼號碼或手機號碼'), { target: { value: phone } });
  fireEvent.click(screen.getByRole('button', { name: '查詢' }));
}

function fillCheckout(price: string, reference: string, redeem = '') {
  fireEvent.change(screen.getByLabelText('消費金額（NT$）'), { target: { value: price } });
  fireEvent.change(screen.getByLabelText('發票或收據號碼'), { target: { value: reference } });
  if (redeem) fireEvent.change(screen.getByLabelText('折抵點數（選填）'), { target: { value: redeem } });
}

describe('the clerk page', () => {
  it('finds a member by phone, records a purchase and shows the points, then lists it for today', async () => {
    const storeId = await product.store();
    await product.staff('amy', 'clerk', [storeId]);
    await aMemberAt(storeId);
    await openAs('amy');

    await find('0987654321');
    expect(await screen.findByText('找不到這個手機號碼的會員。')).toBeTruthy();
    await find('0912-345-678');
    expect(await screen.findByText('王○明')).toBeTruthy();
    fillCheckout('1280', 'AB-12345678');
    expect(screen.getByText('應付 NT$ 1,280')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '確認結帳' }));

    const receipt = await screen.findByRole('status', { name: '結帳完成' });
    expect(within(receipt).getByText('獲得 25 點')).toBeTruthy();
    expect(within(receipt).getByText('目前點數 25 點')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '下一位客人' }));
    const today = await screen.findByRole('region', { name: '今日交易' });
    await waitFor(() => expect(within(today).getByText(/AB-12345678/)).toBeTruthy());
  });

  it('explains a redemption over the limit in zh-TW, then takes the corrected one', async () => {
    const storeId = await product.store();
    await product.staff('amy', 'clerk', [storeId]);
    await aMemberAt(storeId);
    await openAs('amy');
    await find('0912345678');
    await screen.findByText('王○明');
    fillCheckout('20000', 'R-1');
    fireEvent.click(screen.getByRole('button', { name: '確認結帳' }));
    await screen.findByRole('status', { name: '結帳完成' });
    fireEvent.click(screen.getByRole('button', { name: '下一位客人' }));

    await find('0912345678');
    await screen.findByText('400 點');
    fillCheckout('300', 'R-2', '200');
    expect(screen.getByText('可折抵 100～150 點，1 點折 NT$ 1')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '確認結帳' }));
    expect(await screen.findByText('這筆消費最多可折抵 150 點。')).toBeTruthy();

    fillCheckout('300', 'R-2', '150');
    fireEvent.click(screen.getByRole('button', { name: '確認結帳' }));
    expect(await screen.findByText('目前點數 253 點')).toBeTruthy();
  });

  it('lets a store manager void today’s purchase after confirming, and refund part of another', async () => {
    const storeId = await product.store();
    await product.staff('mia', 'store_manager', [storeId]);
    await aMemberAt(storeId);
    await openAs('mia');
    await find('0912345678');
    await screen.findByText('王○明');
    fillCheckout('1000', 'V-1');
    fireEvent.click(screen.getByRole('button', { name: '確認結帳' }));
    await screen.findByRole('status', { name: '結帳完成' });
    const today = screen.getByRole('region', { name: '今日交易' });
    fireEvent.click(await within(today).findByRole('button', { name: '作廢 V-1' }));
    fireEvent.click(within(today).getByRole('button', { name: '確定作廢' }));
    expect(await within(today).findByText('已作廢')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '下一位客人' }));
    await find('0912345678');
    await screen.findByText('王○明');
    fillCheckout('1000', 'P-2');
    fireEvent.click(screen.getByRole('button', { name: '確認結帳' }));
    await screen.findByRole('status', { name: '結帳完成' });
    const list = () => screen.getByRole('region', { name: '今日交易' });
    fireEvent.click(await within(list()).findByRole('button', { name: '退貨 P-2' }));
    fireEvent.change(within(list()).getByLabelText('退款金額（最多 NT$ 1000）'), {
      target: { value: '1200' },
    });
    fireEvent.click(within(list()).getByRole('button', { name: '確定退貨' }));
    expect(await within(list()).findByText('退款金額需為 1 以上、不超過尚未退款的金額。')).toBeTruthy();
    fireEvent.change(within(list()).getByLabelText('退款金額（最多 NT$ 1000）'), {
      target: { value: '400' },
    });
    fireEvent.click(within(list()).getByRole('button', { name: '確定退貨' }));
    expect(await within(list()).findByText('部分退貨')).toBeTruthy();
  });
});
