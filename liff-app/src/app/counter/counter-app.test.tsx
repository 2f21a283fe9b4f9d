import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { withProduct } from '../../testing/render.tsx';

const product = withProduct();

const openAs = (username: string) => product.openCounter(username);

async function aMemberAt(storeId: number) {
  const { userId } = await product.shopper('王小明');
  await product.join(userId, storeId);
}

async function find(phone: string) {
  fireEvent.change(screen.getByLabelText('會員卡號碼、手機號碼或會員編號'), { target: { value: phone } });
  fireEvent.click(screen.getByRole('button', { name: '查詢' }));
}

function fillPurchase(price: string, reference: string, redeem = '') {
  fireEvent.change(screen.getByLabelText('原價（NT$）'), { target: { value: price } });
  fireEvent.change(screen.getByLabelText('發票或收據號碼'), { target: { value: reference } });
  if (redeem) fireEvent.change(screen.getByLabelText('點數折抵（點，選填）'), { target: { value: redeem } });
}

/** Finds the member by phone and records a purchase: the receipt. */
async function pay(phone: string, price: string, reference: string) {
  await find(phone);
  await screen.findByText('王○明');
  fillPurchase(price, reference);
  fireEvent.click(screen.getByRole('button', { name: '確認結帳' }));
  return screen.findByRole('status', { name: '結帳完成' });
}

/** A store manager types their username and password into the approval form on the clerk's device. */
function approve(approval: HTMLElement, username: string, password = 'correct horse battery') {
  fireEvent.change(within(approval).getByLabelText('店長帳號'), { target: { value: username } });
  fireEvent.change(within(approval).getByLabelText('店長密碼'), { target: { value: password } });
  fireEvent.click(within(approval).getByRole('button', { name: '核准' }));
}

describe('the counter', () => {
  it('finds a member by phone, records a purchase and shows the points, then lists it for today', async () => {
    const storeId = await product.store();
    await product.staff('amy', 'clerk', [storeId]);
    await aMemberAt(storeId);
    await openAs('amy');

    await find('0987654321');
    expect(await screen.findByText('找不到這個手機號碼的會員。')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('會員卡號碼、手機號碼或會員編號'), { target: { value: '0912' } });
    expect(screen.queryByText('找不到這個手機號碼的會員。')).toBeNull();
    await find('0912-345-678');
    expect(await screen.findByText('王○明')).toBeTruthy();
    fillPurchase('1280', 'AB-12345678');
    expect(screen.getByText('實付金額 NT$ 1,280')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '確認結帳' }));

    const receipt = await screen.findByRole('status', { name: '結帳完成' });
    expect(within(receipt).getByText('獲得點數 25 點')).toBeTruthy();
    expect(within(receipt).getByText('目前點數 25 點')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '下一位客人' }));
    const today = await screen.findByRole('region', { name: '今日交易' });
    await waitFor(() => expect(within(today).getByText('AB-12345678・王○明')).toBeTruthy());
    expect(within(today).getByText('原價 NT$ 1,280・實付金額 NT$ 1,280')).toBeTruthy();
    expect(within(today).getByText('獲得點數 +25')).toBeTruthy();
  });

  it('lets a member found by phone pay with points only with a manager’s approval, and explains the limit', async () => {
    const storeId = await product.store();
    await product.staff('amy', 'clerk', [storeId]);
    await product.staff('mia', 'store_manager', [storeId]);
    await aMemberAt(storeId);
    await openAs('amy');
    await pay('0912345678', '20000', 'R-1');
    fireEvent.click(screen.getByRole('button', { name: '下一位客人' }));

    await find('0912345678');
    await screen.findByText('400 點');
    expect(screen.getByText(/需要會員出示會員卡才能使用點數折抵/)).toBeTruthy();
    expect((screen.getByLabelText('點數折抵（點，選填）') as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '店長核准點數折抵' }));
    const approval = screen.getByRole('form', { name: '店長核准' });
    approve(approval, 'mia', 'wrong password');
    expect(await within(approval).findByText('店長帳號或密碼錯誤。')).toBeTruthy();
    approve(approval, 'mia');
    expect(await screen.findByText('店長已核准，這次結帳可以使用點數折抵。')).toBeTruthy();
    fillPurchase('300', 'R-2', '200');
    expect(screen.getByText('可折抵 100～150 點，1 點折 NT$ 1')).toBeTruthy();
    expect(document.querySelector('.to-pay')).toBeNull(); // no sum to charge for a redemption it would refuse
    fireEvent.click(screen.getByRole('button', { name: '確認結帳' }));
    expect(await screen.findByText('這筆消費最多可折抵 150 點。')).toBeTruthy();

    fillPurchase('300', 'R-2', '150');
    fireEvent.click(screen.getByRole('button', { name: '確認結帳' }));
    expect(await screen.findByText('目前點數 253 點')).toBeTruthy();
    expect(screen.getByText('原價 NT$ 300')).toBeTruthy();
    expect(screen.getByText('實付金額 NT$ 150')).toBeTruthy();
    expect(screen.getByText('點數折抵 150 點（NT$ 150）')).toBeTruthy();
  });

  it('clears a field’s error as soon as the clerk corrects the field', async () => {
    const storeId = await product.store();
    await product.staff('amy', 'clerk', [storeId]);
    await aMemberAt(storeId);
    await openAs('amy');
    await find('0912345678');
    await screen.findByText('王○明');
    fillPurchase('', 'R-1');
    fireEvent.click(screen.getByRole('button', { name: '確認結帳' }));
    expect(await screen.findByText('請輸入 1 以上的整數金額。')).toBeTruthy();
    fillPurchase('300', 'R-1');
    expect(screen.queryByText('請輸入 1 以上的整數金額。')).toBeNull();
  });

  it('lets the clerk switch the counter to English and back, remembered on this browser', async () => {
    const storeId = await product.store();
    await product.staff('amy', 'clerk', [storeId]);
    await openAs('amy');
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByRole('heading', { name: 'Find a member' })).toBeTruthy();
    expect(localStorage.getItem('staff-console-language')).toBe('en');
    fireEvent.click(screen.getByRole('button', { name: '中文' }));
    expect(await screen.findByRole('heading', { name: '找會員' })).toBeTruthy();
  });

  it('lets a store manager void today’s purchase after confirming, and refund part of another', async () => {
    const storeId = await product.store();
    await product.staff('mia', 'store_manager', [storeId]);
    await aMemberAt(storeId);
    await openAs('mia');
    await pay('0912345678', '1000', 'V-1');
    const today = screen.getByRole('region', { name: '今日交易' });
    fireEvent.click(await within(today).findByRole('button', { name: '作廢 V-1' }));
    fireEvent.click(within(today).getByRole('button', { name: '確定作廢' }));
    expect(await within(today).findByText('已作廢')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '下一位客人' }));
    await pay('0912345678', '1000', 'P-2');
    const list = () => screen.getByRole('region', { name: '今日交易' });
    fireEvent.click(await within(list()).findByRole('button', { name: '退款 P-2' }));
    fireEvent.change(within(list()).getByLabelText('退款金額（最多 NT$ 1000）'), {
      target: { value: '1200' },
    });
    fireEvent.click(within(list()).getByRole('button', { name: '確定退款' }));
    expect(await within(list()).findByText('退款金額需為 1 以上、不超過尚未退款的金額。')).toBeTruthy();
    fireEvent.change(within(list()).getByLabelText('退款金額（最多 NT$ 1000）'), {
      target: { value: '400' },
    });
    fireEvent.click(within(list()).getByRole('button', { name: '確定退款' }));
    expect(await within(list()).findByText('部分退款')).toBeTruthy();
    expect(within(list()).getByText(/退款 NT\$ 400/)).toBeTruthy();
    expect(within(list()).getAllByText('原價 NT$ 1,000・實付金額 NT$ 1,000')).toHaveLength(2);
  });

  it('lets a clerk void a purchase with a store manager’s approval typed on the clerk’s device', async () => {
    const storeId = await product.store();
    await product.staff('amy', 'clerk', [storeId]);
    await product.staff('mia', 'store_manager', [storeId]);
    await aMemberAt(storeId);
    await openAs('amy');
    // Found by phone, then again by the member number the page shows.
    await find('0912345678');
    const memberNumber = (await screen.findByText(/^M\d+$/)).textContent!;
    fireEvent.click(screen.getByRole('button', { name: '換一位會員' }));
    await pay(memberNumber.toLowerCase(), '1000', 'V-1');
    const today = screen.getByRole('region', { name: '今日交易' });
    fireEvent.click(await within(today).findByRole('button', { name: '作廢 V-1' }));
    const approval = within(today).getByRole('form', { name: '店長核准' });
    approve(approval, 'mia');
    expect(await within(today).findByText('已作廢')).toBeTruthy();
    expect(within(today).getByText(/作廢（amy）/)).toBeTruthy();
  });

  it('lets an admin choose the store this device checks out at', async () => {
    await product.store('TPE01', '台北信義店');
    const storeId = await product.store('TXG01', '台中公益店');
    await product.staff('boss', 'admin');
    await aMemberAt(storeId);
    await product.openCounter('boss', undefined, '選擇今天工作的門市');
    fireEvent.change(screen.getByLabelText('門市'), { target: { value: String(storeId) } });
    fireEvent.click(screen.getByRole('button', { name: '在這家門市結帳' }));
    await screen.findByRole('heading', { name: '找會員' });
    expect(screen.getByText(/台中公益店/)).toBeTruthy();
  });

  it('tells an admin with no open store where to add one', async () => {
    await product.staff('boss', 'admin');
    await product.openCounter('boss', undefined, '選擇今天工作的門市');
    expect(screen.getByText('目前沒有營業中的門市。請先到管理後台新增門市，再回來結帳。')).toBeTruthy();
    expect(screen.getByRole('link', { name: '前往管理後台' }).getAttribute('href')).toBe('/liff/staff/');
  });
});
