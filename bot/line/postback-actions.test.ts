import { afterEach, expect, it } from 'vitest';
import { type Product, startProduct } from '../testing/harness.ts';
import { logCapture } from '../testing/log-capture.ts';

let product: Product | undefined;
afterEach(() => product?.close());

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
