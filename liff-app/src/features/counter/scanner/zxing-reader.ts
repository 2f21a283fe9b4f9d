import { prepareZXingModule, purgeZXingModule, readBarcodes } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import type { ReadFrame } from './camera-reader.ts';

// The WebAssembly comes from our own server: the library's default is a CDN, which shop networks may block.
const overrides = {
  locateFile: (file: string, prefix: string) => (file.endsWith('.wasm') ? wasmUrl : prefix + file),
};

/** zxing-wasm over frames copied from the video to a canvas: QR code and Code 128, the member card's codes. */
export async function zxingReader(): Promise<ReadFrame> {
  await prepareZXingModule({ overrides, fireImmediately: true }).catch((error: unknown) => {
    purgeZXingModule(); // so the next try fetches it again instead of keeping the failure
    throw error;
  });
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return async (video) => {
    const { videoWidth: width, videoHeight: height } = video;
    if (!context || width === 0 || height === 0) return null;
    if (canvas.width !== width || canvas.height !== height) Object.assign(canvas, { width, height });
    context.drawImage(video, 0, 0, width, height);
    const [found] = await readBarcodes(context.getImageData(0, 0, width, height), {
      formats: ['QRCode', 'Code128'],
      maxNumberOfSymbols: 1,
    });
    return found?.text || null;
  };
}
