import { describe, expect, it, vi } from 'vitest';
import { type ClerkLiff, findLineScanner } from './line-scanner.ts';

/** LINE's side of the clerk's LIFF app: where the page is, what LINE offers, what its scanner reads. */
function lineSays({
  inClient = true,
  scanCodeV2 = true,
  reads = ['K7M2Q9X4PA12345678'] as (string | null)[],
}) {
  const calls: string[] = [];
  const liff: ClerkLiff = {
    init: async ({ liffId }) => void calls.push(`init ${liffId}`),
    isInClient: () => inClient,
    isApiAvailable: (api) => api === 'scanCodeV2' && scanCodeV2,
    scanCodeV2: async () => {
      calls.push('scanCodeV2');
      return { value: reads.shift() ?? null };
    },
  };
  const load = async () => {
    calls.push('load LIFF');
    return liff;
  };
  return { calls, load };
}

const clerkApp = async () => ({ liffId: '1657000000-CounterApp' });

describe("LINE's scanner for the clerk page", () => {
  it('in the LINE client, where LINE offers scanCodeV2, scans with it; a closed scanner reads nothing', async () => {
    const line = lineSays({ reads: ['K7M2Q9X4PA12345678', null, ''] });
    const scan = await findLineScanner({ config: clerkApp, load: line.load });
    expect(await scan?.()).toBe('K7M2Q9X4PA12345678');
    expect(await scan?.()).toBeNull();
    expect(await scan?.()).toBeNull();
    expect(line.calls).toEqual([
      'load LIFF',
      'init 1657000000-CounterApp',
      'scanCodeV2',
      'scanCodeV2',
      'scanCodeV2',
    ]);
  });

  it('without a clerk LIFF app (CLERK_LIFF_ID unset) never loads LIFF', async () => {
    const line = lineSays({});
    expect(await findLineScanner({ config: async () => ({ liffId: null }), load: line.load })).toBeNull();
    expect(line.calls).toEqual([]);
  });

  it('leaves scanning to the camera outside the LINE client, or where LINE does not offer scanCodeV2', async () => {
    const outside = lineSays({ inClient: false });
    expect(await findLineScanner({ config: clerkApp, load: outside.load })).toBeNull();
    const noScanQr = lineSays({ scanCodeV2: false });
    expect(await findLineScanner({ config: clerkApp, load: noScanQr.load })).toBeNull();
    expect([...outside.calls, ...noScanQr.calls]).not.toContain('scanCodeV2');
  });

  it('leaves scanning to the camera when LIFF cannot start', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const failing = async () => Promise.reject(new Error('LIFF did not load'));
    expect(await findLineScanner({ config: clerkApp, load: failing })).toBeNull();
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });
});
