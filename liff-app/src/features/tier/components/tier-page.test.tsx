import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { navigate, renderApp, withProduct } from '../../../testing/render.tsx';

const product = withProduct();

async function openTier(language: 'zh-TW' | 'en' = 'zh-TW') {
  const storeId = await product.store();
  const { userId, token } = await product.shopper('王小明', language);
  await product.join(userId, storeId);
  // Three purchases in the last hours: NT$1,000 + NT$1,100 + NT$1,200.
  await product.earn(userId, 3, storeId);
  renderApp({ token, language });
  await screen.findByRole('region', { name: language === 'en' ? 'Member card' : '會員卡' });
  navigate('tier');
}

describe('the tier', () => {
  it("shows the tier, the last 12 months' spend, how far the next tier is, and the benefits", async () => {
    await openTier();
    expect(await screen.findByRole('heading', { name: '會員等級' })).toBeTruthy();
    expect(screen.getByText('一般會員')).toBeTruthy();
    expect(screen.getByText('近 12 個月消費 NT$3,300')).toBeTruthy();
    expect(screen.getByText('再消費 NT$6,700 即可升級為 銀卡會員')).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('33');
    const benefits = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(benefits).toEqual(['消費每 NT$50 累積 1 點', '生日當月禮']);
  });

  it('speaks English, tier names and benefits included', async () => {
    await openTier('en');
    expect(await screen.findByText('1 point for every NT$50')).toBeTruthy();
    expect(screen.getByText('Member')).toBeTruthy();
    expect(screen.getByText(/Silver/)).toBeTruthy();
  });
});
