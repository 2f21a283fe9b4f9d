import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CardResponse } from '../../../../../bot/schemas/liff-api.ts';
import { hotp } from '../../../lib/hotp.ts';
import { withProduct } from '../../../testing/render.tsx';
import type { ScanInLine } from '../scanner/line-scanner.ts';

// zxing-wasm needs a real canvas, which happy-dom has not: here it reads what the test shows the camera.
const zxing = vi.hoisted(() => ({ sees: null as string | null, loaded: false }));
vi.mock('../scanner/zxing-reader.ts', () => ({
  zxingReader: async () => {
    zxing.loaded = true;
    return async () => zxing.sees;
  },
}));

const product = withProduct();
const origin = () => product.staffOrigin();
// Where the clerk page is (the card is fetched from there too: happy-dom keeps to the same origin).
beforeEach(() => {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(
    `${origin()}/liff/clerk/`,
  );
});

/** The clerk amy at her store; the store's id. */
async function aClerk() {
  const storeId = await product.store();
  await product.staff('amy', 'clerk', [storeId]);
  return storeId;
}

/** A member at the clerk's store, and the code their card shows now. */
async function aMemberShowingTheirCard() {
  const storeId = await aClerk();
  const { userId, token } = await product.shopper('王小明');
  await product.join(userId, storeId);
  const response = await fetch(`${origin()}/api/liff/card`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const card = (await response.json()) as CardResponse;
  const period = Math.floor(Date.now() / 1000 / card.periodSeconds);
  return card.cardId + (await hotp(card.secret, period, card.digits));
}

/** The clerk page, signed in as amy. */
const openAsAmy = (lineScanner?: Promise<ScanInLine | null>) => product.openCounter('amy', lineScanner);

/**
 * A camera that opens (or refuses with `refusal`), and BarcodeDetector when `detector` reads for the browser.
 * `camera.on`: whether the page holds the camera now.
 */
function theBrowserHas({ detector, refusal }: { detector?: () => string; refusal?: string }) {
  const camera = { on: false };
  const getUserMedia = async () => {
    if (refusal) throw new DOMException('camera', refusal);
    camera.on = true;
    // happy-dom's MediaStream has no getTracks
    return Object.assign(new MediaStream(), { getTracks: () => [{ stop: () => (camera.on = false) }] });
  };
  Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
  if (!detector) return camera;
  const reads: () => string = detector;
  window.BarcodeDetector = class {
    static getSupportedFormats = async () => ['aztec', 'code_128', 'ean_13', 'qr_code'];
    detect = async () => [{ rawValue: reads() }];
  };
  return camera;
}

declare global {
  interface Window {
    BarcodeDetector?: unknown;
  }
}

afterEach(() => {
  Reflect.deleteProperty(navigator, 'mediaDevices');
  delete window.BarcodeDetector;
  zxing.sees = null;
  zxing.loaded = false;
});

describe('scanning the member card at the counter', () => {
  it("in LINE, opens LINE's scanner and shows the member whose card it read; closed, the page stays as it was", async () => {
    const code = await aMemberShowingTheirCard();
    const reads: (string | null)[] = [null, code];
    const scanCodeV2 = vi.fn(async () => reads.shift() ?? null);
    theBrowserHas({ detector: () => 'not this one' });
    await openAsAmy(Promise.resolve(scanCodeV2));

    fireEvent.click(screen.getByRole('button', { name: '掃描會員卡' }));
    await vi.waitFor(() => expect(scanCodeV2).toHaveBeenCalledOnce(), { timeout: 30_000 });
    expect(screen.getByRole('heading', { name: '找會員' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: '掃描會員卡' }));
    expect(await screen.findByText('王○明')).toBeTruthy();
    expect(document.querySelector('video')).toBeNull(); // the page's camera never opened
  });

  it('elsewhere reads the camera with the browser’s BarcodeDetector where there is one', async () => {
    const code = await aMemberShowingTheirCard();
    const camera = theBrowserHas({ detector: () => code });
    await openAsAmy();

    fireEvent.click(screen.getByRole('button', { name: '掃描會員卡' }));
    expect(await screen.findByText('王○明')).toBeTruthy();
    expect(screen.getByText('0 點')).toBeTruthy();
    expect(zxing.loaded).toBe(false);
    expect(camera.on).toBe(false);
  });

  it('without BarcodeDetector reads the camera with zxing-wasm, loaded then', async () => {
    const code = await aMemberShowingTheirCard();
    const camera = theBrowserHas({});
    await openAsAmy();
    expect(zxing.loaded).toBe(false);

    fireEvent.click(screen.getByRole('button', { name: '掃描會員卡' }));
    expect(await screen.findByText('請將會員卡 QR code 或條碼對準鏡頭')).toBeTruthy();
    await vi.waitFor(() => expect(zxing.loaded).toBe(true), { timeout: 30_000 });
    expect(camera.on).toBe(true);
    zxing.sees = code;
    expect(await screen.findByText('王○明')).toBeTruthy();
    expect(camera.on).toBe(false);
  });

  it('says plainly that the camera was refused, and the phone number can still be typed', async () => {
    await aMemberShowingTheirCard();
    theBrowserHas({ refusal: 'NotAllowedError' });
    await openAsAmy();

    fireEvent.click(screen.getByRole('button', { name: '掃描會員卡' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      '鏡頭權限被拒絕。請在瀏覽器設定中允許使用鏡頭，或輸入條碼下方的號碼或手機號碼。',
    );
    expect(screen.getByRole('button', { name: '關閉' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('會員卡號碼、手機號碼或會員編號'), {
      target: { value: '0912345678' },
    });
    fireEvent.click(screen.getByRole('button', { name: '查詢' }));
    expect(await screen.findByText('王○明')).toBeTruthy();
  });

  it('says there is no camera where the browser has none, and keeps typing', async () => {
    await aClerk();
    await openAsAmy();
    expect(screen.getByRole('button', { name: '掃描會員卡' }).hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('這台裝置沒有可用的鏡頭，請輸入條碼下方的號碼或手機號碼。')).toBeTruthy();
    expect(screen.getByLabelText('會員卡號碼、手機號碼或會員編號')).toBeTruthy();
  });
});
