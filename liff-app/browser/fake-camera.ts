import { writeFileSync } from 'node:fs';
import { generate } from 'lean-qr/nano';

const WIDTH = 640;
const HEIGHT = 480;

/**
 * A one-second Y4M video of `text`'s QR code (drawn with the member card's encoder, lean-qr/nano) held in front
 * of the camera, for Chromium's fake camera: `--use-file-for-fake-video-capture=<path>`, which loops it.
 * Y4M is a header line, then per frame `FRAME` and the raw Y, U and V planes (4:2:0, full range).
 */
export function filmQrCode(path: string, text: string, { module = 8, frames = 10 } = {}) {
  const qr = generate(text);
  const side = qr.size * module;
  const left = (WIDTH - side) >> 1;
  const top = (HEIGHT - side) >> 1;
  const luma = Buffer.alloc(WIDTH * HEIGHT, 255); // white paper around the code: its quiet zone
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (qr.get(Math.floor(x / module), Math.floor(y / module))) luma[(top + y) * WIDTH + left + x] = 0;
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2), 128); // no colour
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array<Buffer>(frames).fill(frame)]));
}
