// @vitest-environment node
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { generate } from 'lean-qr/nano';
import { beforeAll, expect, it } from 'vitest';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { code128Widths } from './code128.ts';

/** Paints dark modules into an RGBA image, `scale` pixels each, with a white border: what a scanner sees. */
function image(width: number, height: number, dark: (x: number, y: number) => boolean, scale = 4) {
  const w = width * scale;
  const h = height * scale;
  const data = new Uint8ClampedArray(w * h * 4).fill(255);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (dark(Math.floor(x / scale), Math.floor(y / scale)))
        data.fill(0, (y * w + x) * 4, (y * w + x) * 4 + 3);
    }
  }
  return { data, width: w, height: h, colorSpace: 'srgb' as const };
}

const code = 'K7M2Q9X4PA12345678';

// The reader's WebAssembly from node_modules, not from a CDN.
beforeAll(async () => {
  const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  await prepareZXingModule({ overrides: { wasmBinary: wasm.buffer as ArrayBuffer }, fireImmediately: true });
});

it('draws a Code 128 barcode that a scanner reads back as the card code', async () => {
  const modules: boolean[] = [...Array(10).fill(false)];
  code128Widths(code).forEach((width, i) => {
    modules.push(...Array(width).fill(i % 2 === 0));
  });
  modules.push(...Array(10).fill(false));
  const [read] = await readBarcodes(
    image(modules.length, 30, (x) => modules[x]!, 2),
    { formats: ['Code128'] },
  );
  expect(read?.text).toBe(code);
});

it('draws a QR code that a scanner reads back as the card code', async () => {
  const qr = generate(code);
  const [read] = await readBarcodes(
    image(qr.size + 8, qr.size + 8, (x, y) => qr.get(x - 4, y - 4)),
    { formats: ['QRCode'] },
  );
  expect(read?.text).toBe(code);
});
