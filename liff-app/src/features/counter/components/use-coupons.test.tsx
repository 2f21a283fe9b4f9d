import { request } from 'node:http';
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CardResponse } from '../../../../../bot/schemas/liff-api.ts';
import { hotp } from '../../../lib/hotp.ts';
import { withProduct } from '../../../testing/render.tsx';

const product = withProduct();

/** One request to the product straight over Node's HTTP: the page's own fetch keeps to the page's origin and session. */
const call = (method: string, path: string, body?: object, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; json: Record<string, unknown>; cookie: string }>((resolve, reject) => {
    const sent = request(
      `${product.current.origin}${path}`,
      { method, headers: { ...(body && { 'content-type': 'application/json' }), ...headers } },
      (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            json: JSON.parse(text || '{}'),
            cookie: (response.headers['set-cookie'] ?? [])[0]?.split(';')[0] ?? '',
          }),
        );
      },
    );
    sent.on('error', reject);
    sent.end(body ? JSON.stringify(body) : undefined);
  });

/** The staff API as the admin `boss` uses it from the console: signed in, with the cookie and the CSRF token. */
async function asAdmin() {
  const session = await call('POST', '/api/staff/session', {
    username: 'boss',
    password: 'correct horse battery',
  });
  const headers = { cookie: session.cookie, 'x-csrf-token': String(session.json.csrfToken) };
  let keys = 0;
  return {
    /** A template NT$100 off from NT$500, good for 30 days in the stores. */
    async template(title = '滿五百折一百') {
      const made = await call(
        'POST',
        '/api/staff/coupon-templates',
        {
          kind: 'amount_off',
          amountOff: 100,
          minSpend: 500,
          validDays: 30,
          channels: ['store'],
          title,
          titleEn: 'NT$100 off NT$500',
          terms: '每次消費限用一張。',
          termsEn: 'One per purchase.',
          stackable: false,
        },
        headers,
      );
      if (made.status !== 201) throw new Error(JSON.stringify(made.json));
      return made.json.id as number;
    },
    async give(templateId: number, memberId: number) {
      const given = await call(
        'POST',
        `/api/staff/members/${memberId}/coupons`,
        { templateId, idempotencyKey: `give-coupon-${++keys}` },
        headers,
      );
      if (given.status !== 201) throw new Error(JSON.stringify(given.json));
      return given.json.code as string;
    },
  };
}

/** The clerk amy at her store, the admin boss, and a member of the store: their id and their card's code now. */
async function aMemberWithTheirCard() {
  const storeId = await product.store();
  await product.staff('amy', 'clerk', [storeId]);
  await product.staff('boss', 'admin');
  const { userId, token } = await product.shopper('王小明');
  const memberId = await product.join(userId, storeId);
  const other = await product.importMember('0922000111', '1980-01-01');
  const card = (await call('GET', '/api/liff/card', undefined, { authorization: `Bearer ${token}` }))
    .json as unknown as CardResponse;
  const period = Math.floor(Date.now() / 1000 / card.periodSeconds);
  return {
    ...{ memberId, other, token },
    cardCode: card.cardId + (await hotp(card.secret, period, card.digits)),
  };
}

async function find(query: string) {
  fireEvent.change(screen.getByLabelText('會員卡號碼、手機號碼或會員編號'), { target: { value: query } });
  fireEvent.click(screen.getByRole('button', { name: '查詢' }));
  await screen.findByText('王○明');
}

const typePrice = (price: string) =>
  fireEvent.change(screen.getByLabelText('原價（NT$）'), { target: { value: price } });
const typeCoupon = (code: string) =>
  fireEvent.change(screen.getByLabelText('優惠券代碼（掃描或輸入）'), { target: { value: code } });

describe('coupons at the counter', () => {
  it('shows the member’s coupons, explains the minimum spend, takes the coupon off before paying, and prints it', async () => {
    const { memberId, other, cardCode } = await aMemberWithTheirCard();
    const admin = await asAdmin();
    const templateId = await admin.template();
    await admin.give(templateId, memberId);
    const theirs = await admin.give(templateId, other);
    await product.openCounter('amy');
    await find(cardCode);

    const coupons = screen.getByRole('group', { name: '優惠券' });
    const choice = within(coupons).getByRole('checkbox', { name: /滿五百折一百/ });
    expect(within(coupons).getByText('折 NT$ 100')).toBeTruthy();
    expect(within(coupons).getByText(/滿 NT\$ 500 可用・.* 到期/)).toBeTruthy();
    typePrice('300');
    fireEvent.click(choice);
    expect(within(coupons).getByText('未達最低消費 NT$ 500')).toBeTruthy();
    expect(document.querySelector('.to-pay')).toBeNull(); // no sum to charge for a coupon it would refuse

    typeCoupon(theirs.toLowerCase());
    expect(await within(coupons).findByText('這張優惠券不屬於這位會員')).toBeTruthy();

    typePrice('1000');
    expect(screen.getByText('原價 NT$ 1,000・優惠券折抵 NT$ 100・點數折抵 NT$ 0')).toBeTruthy();
    expect(screen.getByText('實付金額 NT$ 900')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('發票或收據號碼'), { target: { value: 'R-1' } });
    fireEvent.click(screen.getByRole('button', { name: '確認結帳' }));
    const receipt = await screen.findByRole('status', { name: '結帳完成' });
    expect(within(receipt).getByText('優惠券「滿五百折一百」折抵 NT$ 100')).toBeTruthy();
    expect(within(receipt).getByText('實付金額 NT$ 900')).toBeTruthy();
    expect(within(receipt).getByText('獲得點數 18 點')).toBeTruthy();

    // Used: today's list names it, and the next lookup lists it no more.
    fireEvent.click(screen.getByRole('button', { name: '下一位客人' }));
    const today = await screen.findByRole('region', { name: '今日交易' });
    expect(await within(today).findByText('優惠券折抵 NT$ 100')).toBeTruthy();
    expect(within(today).getByText('滿五百折一百')).toBeTruthy();
    await find(cardCode);
    expect(screen.getByText('這位會員目前沒有可在本店使用的優惠券。')).toBeTruthy();
  });

  it('takes a scanned or typed code the server finds usable, and asks for the card to use one', async () => {
    const { memberId, cardCode } = await aMemberWithTheirCard();
    const admin = await asAdmin();
    const code = await admin.give(await admin.template('門市限定折百'), memberId);
    await product.openCounter('amy');

    await find('0912345678');
    expect(screen.getByText(/需要會員出示會員卡才能使用優惠券/)).toBeTruthy();
    expect((screen.getByRole('checkbox', { name: /門市限定折百/ }) as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: '換一位會員' }));

    await find(cardCode);
    typeCoupon(code.toLowerCase());
    expect(await screen.findByText('請先輸入原價，再輸入優惠券代碼。')).toBeTruthy();
    typePrice('800');
    typeCoupon(code);
    expect(await screen.findByText('已加入優惠券「門市限定折百」')).toBeTruthy();
    expect((screen.getByRole('checkbox', { name: /門市限定折百/ }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText('實付金額 NT$ 700')).toBeTruthy();
  });

  it('gives an English-speaking clerk the reason in English', async () => {
    const { other, cardCode } = await aMemberWithTheirCard();
    const admin = await asAdmin();
    const theirs = await admin.give(await admin.template(), other);
    await product.openCounter('amy');
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    await screen.findByRole('heading', { name: 'Find a member' });
    fireEvent.change(screen.getByLabelText('Card number, mobile number or member number'), {
      target: { value: cardCode },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Look up' }));
    expect(await screen.findByText('The member has no coupon usable at this store now.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Price (NT$)'), { target: { value: '800' } });
    fireEvent.change(screen.getByLabelText('Coupon code (scan or type)'), { target: { value: theirs } });
    expect(await screen.findByText('This coupon belongs to another member.')).toBeTruthy();
  });

  it('lets the clerk give the member a coupon, once however often tapped, and use it in this checkout', async () => {
    const { cardCode, token } = await aMemberWithTheirCard();
    const admin = await asAdmin();
    await admin.template('來店禮折一百');
    await product.openCounter('amy');
    await find(cardCode);

    fireEvent.click(screen.getByRole('button', { name: '贈送優惠券給這位會員' }));
    const which = await screen.findByLabelText('要贈送的優惠券');
    expect((which as HTMLSelectElement).selectedOptions[0]?.textContent).toBe('來店禮折一百・折 NT$ 100');
    const give = screen.getByRole('button', { name: '贈送' });
    fireEvent.click(give);
    fireEvent.click(give);
    expect((await screen.findByRole('status')).textContent).toMatch(/^已贈送「來店禮折一百」/);
    const coupons = screen.getByRole('group', { name: '優惠券' });
    expect(within(coupons).getByRole('checkbox', { name: /來店禮折一百/ })).toBeTruthy();

    // Two taps, one coupon: the member's wallet holds exactly it.
    const wallet = await call('GET', '/api/liff/coupons', undefined, { authorization: `Bearer ${token}` });
    expect((wallet.json.usable as { title: string }[]).map((c) => c.title)).toEqual(['來店禮折一百']);
  });
});
