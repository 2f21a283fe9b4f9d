import clerkLiffScript from './counter-liff.ts?worker&url';

/**
 * LINE's own code scanner (`liff.scanCodeV2`), for the clerk page opened in LINE as its LIFF app (CLERK_LIFF_ID).
 * boot.tsx loads this module only in LINE's in-app browser, and LIFF loads only when the server names a clerk LIFF
 * app. LIFF is only the scanner: who the clerk is stays the staff session.
 * https://developers.line.biz/en/reference/liff/#scan-code-v2
 */
export interface ClerkLiff {
  init(config: { liffId: string }): Promise<void>;
  isInClient(): boolean;
  isApiAvailable(api: string): boolean;
  scanCodeV2(): Promise<{ value: string | null }>;
}

/** Opens LINE's scanner: the code it read, or null when the clerk closed it without one. */
export type ScanInLine = () => Promise<string | null>;

export interface LineScannerSources {
  /** The server's /liff/clerk/config.json. */
  config: () => Promise<{ liffId: string | null }>;
  load: () => Promise<ClerkLiff>;
}

/** Runs the clerk's own LIFF bundle (counter-liff.ts), which leaves LINE's SDK on `window.clerkLiff`. */
const loadClerkLiff = () =>
  new Promise<ClerkLiff>((resolve, reject) => {
    const script = Object.assign(document.createElement('script'), { src: clerkLiffScript });
    script.onload = () => resolve((window as { clerkLiff?: ClerkLiff }).clerkLiff!);
    script.onerror = () => reject(new Error(`${clerkLiffScript} did not load`));
    document.head.append(script);
  });

/** LINE's scanner when the page runs in the LINE client with a clerk LIFF app and LINE offers it; else null. */
export async function findLineScanner({
  config = () => fetch('/liff/clerk/config.json').then((response) => response.json()),
  load = loadClerkLiff,
}: Partial<LineScannerSources> = {}): Promise<ScanInLine | null> {
  try {
    const { liffId } = await config();
    if (!liffId) return null;
    const liff = await load();
    await liff.init({ liffId });
    if (!liff.isInClient() || !liff.isApiAvailable('scanCodeV2')) return null;
    return async () => (await liff.scanCodeV2()).value || null;
  } catch (error) {
    console.warn('LINE scanner unavailable: scanning with the camera', error);
    return null;
  }
}
