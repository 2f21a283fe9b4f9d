import { Writable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { type Product, startProduct } from '../testing/harness.ts';

let product: Product | undefined;
afterEach(async () => {
  expect(product?.line.violations).toEqual([]);
  await product?.close();
});

/** A logger that keeps what it writes, to read what the server logged. */
function logCapture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, logger: { level: 'info', stream } };
}

it('routes a postback to the action its data names, with the date a picker chose', async () => {
  const taps: { choice: string | null; date: string | undefined }[] = [];
  product = await startProduct({
    app: {
      postbackActions: {
        'pick-visit-date': async (event, params) => {
          taps.push({ choice: params.get('store'), date: event.postback.params?.date });
        },
      },
    },
  });
  const shopper = product.line.shoppers.create();
  await product.line.shoppers.postback(shopper.userId, 'action=pick-visit-date&store=TPE01', {
    date: '2026-12-24',
  });
  await product.app.events.idle();
  expect(taps).toEqual([{ choice: 'TPE01', date: '2026-12-24' }]);
});

it('logs a postback whose action is unknown and carries on', async () => {
  const capture = logCapture();
  product = await startProduct({ app: { logger: capture.logger } });
  const shopper = product.line.shoppers.create();
  await product.line.shoppers.postback(shopper.userId, 'action=no-such-thing');
  await product.app.events.idle();
  expect(capture.lines).toContainEqual(
    expect.objectContaining({ level: 40, action: 'no-such-thing', msg: 'unknown postback action' }),
  );
});
