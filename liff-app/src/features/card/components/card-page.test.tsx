import { createHmac } from 'node:crypto';
import { cleanup, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CardResponse } from '../../../../../bot/schemas/liff-api.ts';
import { renderApp, testClock, withProduct } from '../../../testing/render.tsx';

const product = withProduct();

/** The server's formula (bot/domain/member-card.ts), independently: HOTP-SHA256 over the period. */
function expectedCode(card: CardResponse, at: number) {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / card.periodSeconds)));
  const mac = createHmac('sha256', Buffer.from(card.secret, 'base64url')).update(message).digest();
  const value = mac.readUInt32BE(mac[mac.length - 1]! & 0x0f) & 0x7fffffff;
  return card.cardId + String(value % 10 ** card.digits).padStart(card.digits, '0');
}

async function member() {
  const { userId, token } = await product.shopper('王小明');
  await product.join(userId, await product.store());
  const card = (await (
    await fetch('/api/liff/card', { headers: { authorization: `Bearer ${token}` } })
  ).json()) as CardResponse;
  return { token, card };
}

const shownCode = () => screen.getByRole('region', { name: '會員卡' }).getAttribute('data-code');

describe('the member card', () => {
  it('shows the new balance after a purchase at the counter when the shopper comes back to it, without a reload', async () => {
    const { userId, token } = await product.shopper('王小明');
    const storeId = await product.store();
    await product.join(userId, storeId);
    renderApp({ token });
    const card = await screen.findByRole('region', { name: '會員卡' });
    expect(card.textContent).toContain('0 點數');
    await product.earn(userId, 1, storeId); // 10 points, as a purchase at the counter gives
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() =>
      expect(screen.getByRole('region', { name: '會員卡' }).textContent).toContain('10 點數'),
    );
  });

  it('shows the name, tier, points, a QR code and the rotating code with its countdown', async () => {
    const { token, card } = await member();
    const start = Date.UTC(2026, 10, 5, 4, 0, 10);
    renderApp({ token, clock: testClock(start) });

    await waitFor(() => expect(shownCode()).toBe(expectedCode(card, start)));
    expect(screen.getByRole('heading', { name: '王小明' })).toBeTruthy();
    expect(screen.getByText('一般會員')).toBeTruthy();
    expect(screen.getByTestId('member-qr').querySelector('path')?.getAttribute('d')).toMatch(
      /^M\d+ \d+h1v1h-1z/,
    );
    expect(screen.getByTestId('member-barcode')).toBeTruthy();
    expect(screen.getByText(expectedCode(card, start))).toBeTruthy();
    expect(screen.getByText(`${card.periodSeconds - 10} 秒後更新`)).toBeTruthy();
    expect(screen.getByText(/螢幕調亮/)).toBeTruthy();
  });

  it('changes the code when the period changes, and only then', async () => {
    const { token, card } = await member();
    const start = Date.UTC(2026, 10, 5, 4, 0, 0);
    const clock = testClock(start);
    renderApp({ token, clock });
    await waitFor(() => expect(shownCode()).toBe(expectedCode(card, start)));

    clock.set(start + (card.periodSeconds - 1) * 1000);
    expect(await screen.findByText('1 秒後更新')).toBeTruthy();
    expect(shownCode()).toBe(expectedCode(card, start));

    const later = start + card.periodSeconds * 1000;
    clock.set(later);
    await waitFor(() => expect(shownCode()).toBe(expectedCode(card, later)));
    expect(expectedCode(card, later)).not.toBe(expectedCode(card, start));
  });

  it('shows the kept card marked offline when the network is gone, and not after a day', async () => {
    const { token, card } = await member();
    const start = Date.UTC(2026, 10, 5, 4, 0, 0);
    renderApp({ token, clock: testClock(start) });
    await waitFor(() => expect(shownCode()).toBe(expectedCode(card, start)));
    cleanup();
    // The product stops: nothing answers any more, as on a phone without network.
    await product.stop();

    const hourLater = start + 3_600_000;
    renderApp({ token, clock: testClock(hourLater) });
    expect(await screen.findByText('離線中')).toBeTruthy();
    await waitFor(() => expect(shownCode()).toBe(expectedCode(card, hourLater)));
    cleanup();

    renderApp({ token, clock: testClock(start + 25 * 3_600_000) });
    expect(await screen.findByText('目前沒有網路連線，請連線後再試一次。')).toBeTruthy();
    expect(screen.queryByTestId('member-qr')).toBeNull();
  });
});
