import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { expect, it } from 'vitest';
import type { WalletResponse } from '../../../../../bot/schemas/coupon-wallet-api.ts';
import { openPage, renderApp, withProduct } from '../../../testing/render.tsx';
import { aMemberAndTheirShop } from './test-data.ts';

const product = withProduct();

/** The claim link's page, as LINE opens `https://liff.line.me/{liffId}?page=coupons&claim={id}`. */
async function openClaim(token: string, templateId: number) {
  cleanup();
  openPage(product.staffOrigin(), `?page=coupons&claim=${templateId}`);
  renderApp({ token });
  await screen.findByRole('heading', { name: '領取優惠券' });
}

const walletOf = async (token: string) =>
  (await (
    await fetch('/api/liff/coupons', { headers: { authorization: `Bearer ${token}` } })
  ).json()) as WalletResponse;

it('claims once however often 領取 is tapped, and leads to the coupon in the wallet', async () => {
  const shop = await aMemberAndTheirShop(product);
  // Up to five each: only the page's one key keeps a double tap to one coupon.
  const templateId = await shop.template({
    claimable: true,
    perMemberCap: 5,
    minSpend: 300,
    title: '新品折價券',
  });
  await openClaim(shop.token, templateId);
  expect(screen.getByText('新品折價券')).toBeTruthy();
  expect(screen.getByText('滿 NT$300 可用')).toBeTruthy();

  const claim = screen.getByRole('button', { name: '領取' });
  // A double tap: both before the page has answered the first.
  act(() => {
    claim.click();
    claim.click();
  });
  expect((await screen.findByRole('status')).textContent).toBe('領取成功！優惠券已放進「我的優惠券」。');
  const wallet = await walletOf(shop.token);
  expect(wallet.usable.map((coupon) => coupon.title)).toEqual(['新品折價券']);

  fireEvent.click(screen.getByRole('link', { name: '查看我的優惠券' }));
  expect(await screen.findByRole('heading', { name: '新品折價券' })).toBeTruthy();
  expect(location.search).toBe(`?page=coupons&coupon=${wallet.usable[0]!.id}`);
});

it('draws a lottery with 抽獎 and says 恭喜中獎！ or 銘謝惠顧, and a second visit 您已抽過', async () => {
  const shop = await aMemberAndTheirShop(product);
  const sure = await shop.template({ claimable: true, lotteryWinPercent: 100, title: '必中抽獎' });
  await openClaim(shop.token, sure);
  expect(screen.getByText('中獎機率 100%')).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: '抽獎' }));
  expect((await screen.findByRole('status')).textContent).toBe('恭喜中獎！');

  // The last coupon goes to someone else while the page shows: the draw is lost, and the cap holds.
  const last = await shop.template({
    claimable: true,
    lotteryWinPercent: 100,
    totalCap: 1,
    title: '最後一張',
  });
  await openClaim(shop.token, last);
  const draw = screen.getByRole('button', { name: '抽獎' });
  await shop.give(last, await product.importMember('0933444555', '1980-01-02', '李大同'));
  fireEvent.click(draw);
  expect((await screen.findByRole('status')).textContent).toBe('銘謝惠顧這次沒有中獎，謝謝您的參與。');

  await openClaim(shop.token, sure);
  expect(screen.getByRole('alert').textContent).toBe('您已抽過這個獎。');
  expect(screen.queryByRole('button', { name: '抽獎' })).toBeNull();
});

it('says in zh-TW why an offer cannot be claimed, and offers no button', async () => {
  const shop = await aMemberAndTheirShop(product);
  const gone = await shop.template({ claimable: true, totalCap: 1 });
  await shop.give(gone);
  const once = await shop.template({ claimable: true, perMemberCap: 1 });
  await shop.give(once);
  const paused = await shop.template({ claimable: true, active: false });
  const notALink = await shop.template({ claimable: false });
  const refusals: Record<number, string> = {
    [gone]: '這張優惠券已全數發完。',
    [once]: '您已領過這張優惠券。',
    [paused]: '這張優惠券目前無法領取。',
    [notALink]: '找不到這張優惠券。',
  };
  for (const [templateId, refusal] of Object.entries(refusals)) {
    openPage(product.staffOrigin(), `?page=coupons&claim=${templateId}`);
    renderApp({ token: shop.token });
    expect((await screen.findByRole('alert')).textContent).toBe(refusal);
    expect(screen.queryByRole('button', { name: '領取' })).toBeNull();
    cleanup();
  }
});

it('sends a friend who is not a member to join first, then back to the claim', async () => {
  const shop = await aMemberAndTheirShop(product);
  const templateId = await shop.template({ claimable: true, title: '入會禮' });
  const friend = await product.shopper('陳小華');
  openPage(product.staffOrigin(), `?page=coupons&claim=${templateId}`);
  renderApp({ token: friend.token });
  await screen.findByRole('heading', { name: '加入會員' });
  const type = (label: string | RegExp, value: string) =>
    fireEvent.change(screen.getByLabelText(label), { target: { value } });
  type('手機號碼', '0912000333');
  type('姓名', '陳小華');
  type(/^生日/, '1991-02-03');
  fireEvent.change(screen.getByLabelText('常用門市'), { target: { value: String(shop.storeId) } });
  fireEvent.click(screen.getByRole('checkbox', { name: /會員條款/ }));
  fireEvent.click(screen.getByRole('button', { name: '加入會員' }));

  await screen.findByRole('heading', { name: '領取優惠券' });
  fireEvent.click(screen.getByRole('button', { name: '領取' }));
  expect((await screen.findByRole('status')).textContent).toMatch(/^領取成功/);
});
