import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { staffApi } from '../../../lib/staff-api.ts';
import { withProduct } from '../../../testing/render.tsx';
import { staffCouponsEn } from '../../../translations/staff-coupons-en.ts';
import {
  couponErrorMessages,
  couponFieldMessages,
  couponFormMessages,
  couponMessages,
} from './coupon-messages.ts';
import { couponResultsMessages } from './coupon-results.tsx';

const product = withProduct();

const openCoupons = async (username: string) => {
  await product.signInToConsole(username, { query: '?page=coupons', landing: '優惠券' });
};

const type = (form: HTMLElement, label: string, value: string) =>
  fireEvent.change(within(form).getByLabelText(label), { target: { value } });

describe('the coupons page', () => {
  it('creates a template, answering wrong fields by name, then an edit after issuing makes a new version', async () => {
    await product.store('TPE01', '台北信義店');
    await product.staff('boss', 'admin');
    const memberId = await product.importMember('0911222333', '1985-03-03');
    await openCoupons('boss');
    expect(await screen.findByText('還沒有優惠券')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '新增優惠券' }));
    const form = await screen.findByRole('form', { name: '建立優惠券' });
    type(form, '折抵金額（NT$）', '100');
    type(form, '最低消費（NT$，0 為不限）', '500');
    type(form, '名稱（英文）', 'NT$100 off NT$500');
    type(form, '使用說明', '每次消費限用一張。');
    type(form, '使用說明（英文）', 'One per purchase.');
    fireEvent.click(within(form).getByRole('button', { name: '建立優惠券' }));
    // The server answers every field at once; the form shows each on its field, in zh-TW.
    expect(await within(form).findByText('請輸入名稱（中文最多 40 字，英文最多 80 字）')).toBeTruthy();
    expect(within(form).getByLabelText('名稱').getAttribute('aria-invalid')).toBe('true');

    type(form, '名稱', '滿五百折一百');
    fireEvent.click(within(form).getByLabelText('所有門市'));
    fireEvent.click(within(form).getByLabelText('TPE01 台北信義店'));
    fireEvent.click(within(form).getByRole('button', { name: '建立優惠券' }));
    expect(await screen.findByText('已建立優惠券')).toBeTruthy();
    const row = (await screen.findByRole('cell', { name: '滿五百折一百' })).closest('tr')!;
    expect(within(row).getByRole('cell', { name: '折 NT$100・滿 NT$500' })).toBeTruthy();
    expect(within(row).getByRole('cell', { name: '發出後 30 天內' })).toBeTruthy();
    expect(within(row).getByRole('cell', { name: '0 / 不限' })).toBeTruthy();
    expect(within(row).getByRole('cell', { name: '員工發送' })).toBeTruthy();

    const [template] = await staffApi.get<{ id: number; storeIds: number[] | null }[]>('/coupon-templates');
    expect(template!.storeIds).toHaveLength(1);
    await staffApi.post(`/members/${memberId}/coupons`, {
      templateId: template!.id,
      idempotencyKey: 'give-0001',
    });

    fireEvent.click(screen.getByRole('button', { name: '編輯 滿五百折一百' }));
    const edit = await screen.findByRole('form', { name: '儲存' });
    expect(within(edit).getByText(/系統會建立新版本/)).toBeTruthy();
    type(edit, '折抵金額（NT$）', '150');
    fireEvent.click(within(edit).getByRole('button', { name: '儲存' }));
    expect(await screen.findByText(/已建立新版本，原優惠券已停用/)).toBeTruthy();
    expect(await screen.findByRole('cell', { name: '折 NT$150・滿 NT$500' })).toBeTruthy();
    expect(screen.getByText('已有新版本')).toBeTruthy();
    // The retired one is changed through its newest version only.
    expect(screen.getAllByRole('button', { name: '編輯 滿五百折一百' })).toHaveLength(1);

    const templates =
      await staffApi.get<{ id: number; previousId: number | null; active: boolean }[]>('/coupon-templates');
    expect(templates).toMatchObject([
      { id: template!.id, active: false },
      { previousId: template!.id, active: true },
    ]);

    // The new version's results count its own coupons, or with the version it was copied from.
    fireEvent.click(screen.getAllByRole('button', { name: '成效 滿五百折一百' })[0]!);
    const issued = async () =>
      (await screen.findByText('已發出', { selector: 'dt' })).nextElementSibling!.textContent;
    expect(await issued()).toBe('0');
    fireEvent.click(screen.getByLabelText('含這張優惠券的先前版本（修改內容時建立的新版本之前）'));
    expect(await screen.findByText('合計 2 個版本')).toBeTruthy();
    expect(await issued()).toBe('1');
  });

  it("shows a template's results, kept in the URL, and back to the list", async () => {
    await product.staff('boss', 'admin');
    const memberId = await product.importMember('0911222333', '1985-03-03');
    await openCoupons('boss');
    await screen.findByText('還沒有優惠券');
    const template = await staffApi.post<{ id: number }>('/coupon-templates', {
      kind: 'percent_off',
      percentOff: 20,
      maxDiscount: 300,
      minSpend: 1000,
      validFrom: '2026-12-01T00:00:00+08:00',
      validUntil: '2026-12-31T23:59:59.999+08:00',
      discountBudget: 5000,
      channels: ['store'],
      title: '耶誕八折',
      titleEn: '20% off for Christmas',
      terms: '折扣上限 NT$300。',
      termsEn: 'Up to NT$300 off.',
      stackable: false,
    });
    await staffApi.post(`/members/${memberId}/coupons`, {
      templateId: template.id,
      idempotencyKey: 'give-0001',
    });
    // Away and back: the list loads again.
    fireEvent.click(screen.getByRole('button', { name: '門市' }));
    fireEvent.click(await screen.findByRole('button', { name: '優惠券' }));

    const row = (await screen.findByRole('cell', { name: '耶誕八折' })).closest('tr')!;
    expect(within(row).getByRole('cell', { name: '2026-12-01 至 2026-12-31' })).toBeTruthy();
    expect(within(row).getByRole('cell', { name: '折扣 20%，最多折 NT$300・滿 NT$1,000' })).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: '成效 耶誕八折' }));
    expect(await screen.findByRole('heading', { name: '成效：耶誕八折' })).toBeTruthy();
    expect(location.search).toContain(`results=${template.id}`);
    const figure = async (label: string) =>
      (await screen.findByText(label, { selector: 'dt' })).nextElementSibling!.textContent;
    expect(await figure('已發出')).toBe('1');
    expect(await figure('員工發送')).toBe('1');
    expect(await figure('已使用')).toBe('0');
    expect(await figure('折扣預算')).toBe('NT$5,000');
    expect(await figure('預算剩餘')).toBe('NT$5,000');
    expect(screen.getByText('還沒有人使用這張優惠券。')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '回到優惠券' }));
    expect(await screen.findByRole('heading', { name: '優惠券' })).toBeTruthy();
    expect(location.search).not.toContain('results=');
  });

  it("offers a claimable template's claim link, and says why a free claim cannot also cost points", async () => {
    await product.staff('boss', 'admin');
    await openCoupons('boss');
    fireEvent.click(await screen.findByRole('button', { name: '新增優惠券' }));
    const form = await screen.findByRole('form', { name: '建立優惠券' });
    type(form, '折抵金額（NT$）', '50');
    type(form, '名稱', '加入好友禮');
    type(form, '名稱（英文）', 'A welcome gift');
    type(form, '使用說明', '每次消費限用一張。');
    type(form, '使用說明（英文）', 'One per purchase.');
    fireEvent.click(within(form).getByLabelText('會員可用領取連結或按鈕領取'));
    type(form, '點數兌換所需點數（留空為不在兌換目錄）', '200');
    fireEvent.click(within(form).getByRole('button', { name: '建立優惠券' }));
    expect(await within(form).findByText('可用領取連結免費領取的優惠券，不能同時以點數兌換')).toBeTruthy();

    type(form, '點數兌換所需點數（留空為不在兌換目錄）', '');
    fireEvent.click(within(form).getByRole('button', { name: '建立優惠券' }));
    expect(await screen.findByText('已建立優惠券')).toBeTruthy();
    const row = (await screen.findByRole('cell', { name: '加入好友禮' })).closest('tr')!;
    expect(within(row).getByRole('cell', { name: '員工發送、領取連結' })).toBeTruthy();

    const { liffId } = await (await fetch('/api/liff/config')).json();
    const [template] = await staffApi.get<{ id: number }[]>('/coupon-templates');
    const link = `https://liff.line.me/${liffId}?page=coupons&claim=${template!.id}`;
    fireEvent.click(await within(row).findByRole('button', { name: '複製領取連結 加入好友禮' }));
    expect(await screen.findByText('已複製領取連結')).toBeTruthy();
    expect(await navigator.clipboard.readText()).toBe(link);
    fireEvent.click(within(row).getByRole('button', { name: '成效 加入好友禮' }));
    expect((await screen.findByLabelText('領取連結（會員在 LINE 開啟即可領取）')).getAttribute('value')).toBe(
      link,
    );
  });

  it('reads in English, titles in English, without full-width punctuation', async () => {
    await product.staff('max', 'marketer');
    await openCoupons('max');
    await screen.findByText('還沒有優惠券');
    await staffApi.post('/coupon-templates', {
      kind: 'gift',
      giftName: '中杯拿鐵',
      giftNameEn: 'a medium latte',
      minSpend: 300,
      validDays: 7,
      channels: ['store'],
      title: '消費滿三百送拿鐵',
      titleEn: 'A latte with NT$300',
      terms: '限門市使用。',
      termsEn: 'In store only.',
      stackable: false,
    });
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Stores' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Coupons' }));
    const row = (await screen.findByRole('cell', { name: 'A latte with NT$300' })).closest('tr')!;
    expect(within(row).getByRole('cell', { name: 'Free a medium latte · from NT$300' })).toBeTruthy();
    fireEvent.click(within(row).getByRole('button', { name: 'Edit A latte with NT$300' }));
    // The words around the template's own (its zh-TW terms stay as they were written).
    const words = (await screen.findByRole('form', { name: 'Save' })).cloneNode(true) as HTMLElement;
    for (const terms of words.querySelectorAll('textarea')) terms.remove();
    expect(`${words.textContent}${screen.getByRole('table').textContent}`).not.toMatch(
      /[\u3000-\u30ff\uff00-\uffef]/,
    );
  });

  it('shows a store manager the list without the buttons that change it', async () => {
    const storeId = await product.store('TPE01', '台北信義店');
    await product.staff('mia', 'store_manager', [storeId]);
    await openCoupons('mia');
    expect(await screen.findByText('只有行銷與管理員可以新增或修改優惠券。')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '新增優惠券' })).toBeNull();
  });
});

// Without English for a text, a marketer who chose English reads it in Chinese: nanostores falls back to the base.
it('gives every coupon page text English, and no English for a text that is gone', () => {
  const keys = (texts: object) => Object.keys(texts).sort();
  expect(keys(staffCouponsEn.staffCoupons)).toEqual(keys(couponMessages.get()));
  expect(keys(staffCouponsEn.staffCouponForm)).toEqual(keys(couponFormMessages.get()));
  expect(keys(staffCouponsEn.staffCouponFields)).toEqual(keys(couponFieldMessages.get()));
  expect(keys(staffCouponsEn.staffCouponErrors)).toEqual(keys(couponErrorMessages.get()));
  expect(keys(staffCouponsEn.staffCouponResults)).toEqual(keys(couponResultsMessages.get()));
});
