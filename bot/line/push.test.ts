import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Product, startProduct } from '../testing/harness.ts';
import { pushWithRetryKey, retryKeyFor } from './push.ts';

let product: Product;
beforeEach(async () => {
  product = await startProduct();
});
afterEach(() => product.close());

const hello = [{ type: 'text' as const, text: '您好' }];

/** LINE delivers pushes to friends only. */
async function aFriend() {
  const shopper = product.line.shoppers.create();
  await product.line.shoppers.follow(shopper.userId);
  await product.app.events.idle();
  return shopper;
}
const pushesTo = (userId: string) => product.line.inspect.messagesTo(userId).filter((m) => m.via === 'push');

describe('retry keys', () => {
  it('derives the same UUID v4-shaped key from the same purpose, and another from another', () => {
    const key = retryKeyFor('welcome:1:1700000000000');
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(retryKeyFor('welcome:1:1700000000000')).toBe(key);
    expect(retryKeyFor('welcome:2:1700000000000')).not.toBe(key);
  });
});

describe('pushing with a retry key', () => {
  it('sends once and takes LINE’s 409 for a key it already accepted as sent', async () => {
    const shopper = await aFriend();
    const key = retryKeyFor(`test:${shopper.userId}`);
    await pushWithRetryKey(product.app.line, shopper.userId, hello, key);
    await pushWithRetryKey(product.app.line, shopper.userId, hello, key);

    const sent = pushesTo(shopper.userId);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ via: 'push', retryKey: key, message: { text: '您好' } });
    expect(product.line.inspect.quotaUsed()).toBe(1);
  });

  it('retries a 5xx with the same key, and sends once when LINE recovers', async () => {
    const shopper = await aFriend();
    product.line.setFaults({ pushMessage: { serverErrorRate: 1 } });
    const waits: number[] = [];
    await pushWithRetryKey(product.app.line, shopper.userId, hello, retryKeyFor('recovers'), {
      retryDelaysMs: [10, 20],
      wait: async (ms) => {
        waits.push(ms);
        product.line.setFaults({});
      },
    });
    expect(waits).toEqual([10]);
    expect(pushesTo(shopper.userId)).toMatchObject([{ retryKey: retryKeyFor('recovers') }]);
  });

  it('gives up after the last retry when LINE keeps failing', async () => {
    const shopper = await aFriend();
    product.line.setFaults({ pushMessage: { serverErrorRate: 1 } });
    const waits: number[] = [];
    const pushing = pushWithRetryKey(product.app.line, shopper.userId, hello, retryKeyFor('down'), {
      retryDelaysMs: [10, 20],
      wait: async (ms) => waits.push(ms),
    });
    await expect(pushing).rejects.toMatchObject({ status: 500 });
    expect(waits).toEqual([10, 20]);
    expect(pushesTo(shopper.userId)).toEqual([]);
  });

  it('does not retry a request LINE refuses (4xx)', async () => {
    const waits: number[] = [];
    const pushing = pushWithRetryKey(
      product.app.line,
      'U0000000000000000000000000000dead',
      hello,
      retryKeyFor('nobody'),
      {
        wait: async (ms) => waits.push(ms),
      },
    );
    await expect(pushing).rejects.toMatchObject({ status: 400 });
    expect(waits).toEqual([]);
  });
});
