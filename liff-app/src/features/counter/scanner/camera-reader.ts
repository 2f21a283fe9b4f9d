/** Reads the code in the camera's current frame: its text, or null when there is none. */
export type ReadFrame = (video: HTMLVideoElement) => Promise<string | null>;

interface BarcodeDetectorClass {
  new (options: { formats: string[] }): { detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]> };
  getSupportedFormats(): Promise<string[]>;
}

/** The member card's two codes, as BarcodeDetector names them. */
const CARD_FORMATS = ['qr_code', 'code_128'];

/**
 * The browser's BarcodeDetector where it reads QR codes (Chrome on Android, Safari 17+); elsewhere (Firefox,
 * older Safari, Chromium on Linux) zxing-wasm, downloaded only then, from our own server.
 */
export async function cameraReader(): Promise<ReadFrame> {
  const Detector = (window as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
  const supported = Detector ? await Detector.getSupportedFormats().catch(() => []) : [];
  if (Detector && supported.includes('qr_code')) {
    const detector = new Detector({ formats: CARD_FORMATS.filter((format) => supported.includes(format)) });
    return async (video) => (await detector.detect(video))[0]?.rawValue || null;
  }
  return (await import('./zxing-reader.ts')).zxingReader();
}
