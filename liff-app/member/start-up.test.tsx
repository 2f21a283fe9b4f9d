import { screen, waitFor } from '@testing-library/react';
import type { Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { boot } from '../src/app/member/boot.tsx';
import { sessionExpired } from '../src/app/member/session.ts';
import { locale } from '../src/lib/i18n.ts';
import { lineForTests } from '../src/testing/line-liff.ts';
import { openPage, withProduct } from '../src/testing/render.tsx';

const product = withProduct();
let roots: Root[] = [];

/** Starts the mini-app as LINE does: the page served from the product, LINE's side of LIFF given. */
async function start(line: ReturnType<typeof lineForTests>, restart?: () => void) {
  const container = document.body.appendChild(document.createElement('div'));
  roots.push(await boot(container, line.liff, restart));
}

async function member() {
  const { userId, token } = await product.shopper('王小明');
  await product.join(userId, await product.store());
  return token;
}

beforeEach(() => {
  locale.set('zh-TW');
  sessionExpired.set(false);
});
afterEach(() => {
  for (const root of roots) root.unmount();
  roots = [];
  document.body.innerHTML = '';
});

describe('starting the member centre', () => {
  it('reads the page LINE was asked to open only after liff.init has restored it', async () => {
    const token = await member();
    openPage(product.current.origin, `?liff.state=${encodeURIComponent('?page=tier')}`);
    await start(lineForTests({ idToken: token }));
    expect(await screen.findByRole('heading', { name: '會員等級' })).toBeTruthy();
    expect(location.search).toBe('?page=tier');
  });

  it('sends a friend who is not logged in to LINE Login, to come back to the same page', async () => {
    await product.store();
    openPage(product.current.origin, `?liff.state=${encodeURIComponent('?page=points')}`);
    const line = lineForTests({ loggedIn: false });
    await start(line);
    expect(line.logins).toEqual([`${product.current.origin}/liff/member/?page=points`]);
  });

  it('logs in again when the server says the ID token has expired', async () => {
    const { userId } = await product.shopper();
    const line = lineForTests({ idToken: await product.expiredToken(userId) });
    await start(line);
    const here = `${product.current.origin}/liff/member/`;
    await waitFor(() => expect(line.logins[0]).toBe(here));
    // StrictMode asks twice in development; LINE Login has taken the page away after the first.
    expect(new Set(line.logins)).toEqual(new Set([here]));
    expect(screen.queryByText('登入已逾時，請關閉後從 LINE 重新開啟會員中心。')).toBeNull();
  });

  it('says something went wrong, with a retry that starts again, when LIFF cannot start', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const restart = vi.fn();
    await start(lineForTests({ initError: new Error('INIT_FAILED') }), restart);
    expect(await screen.findByText('發生錯誤，請稍後再試。')).toBeTruthy();
    screen.getByRole('button', { name: '重試' }).click();
    expect(restart).toHaveBeenCalledOnce();
    expect(logged).toHaveBeenCalledWith('LIFF start failed', expect.any(Error));
    logged.mockRestore();
  });

  it('without network, says so, or shows the card kept from the last visit marked offline', async () => {
    const token = await member();
    await start(lineForTests({ idToken: token }));
    await screen.findByRole('region', { name: '會員卡' });
    roots.pop()?.unmount();
    await product.stop();

    await start(lineForTests({ idToken: token }));
    expect(await screen.findByText('離線中')).toBeTruthy();
    expect(screen.getByRole('region', { name: '會員卡' })).toBeTruthy();
    roots.pop()?.unmount();

    localStorage.clear();
    await start(lineForTests({ idToken: token }));
    expect(await screen.findByText('目前沒有網路連線，請連線後再試一次。')).toBeTruthy();
  });
});
