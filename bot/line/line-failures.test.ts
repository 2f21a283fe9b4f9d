import { afterEach, expect, it } from 'vitest';
import { webhookEvents } from '../../db/schema.ts';
import { findFriend } from '../domain/friends.ts';
import { type Product, startProduct } from '../testing/harness.ts';
import { logCapture } from '../testing/log-capture.ts';

let product: Product;
afterEach(() => product.close());

const friend = (userId: string) => product.engine.read((tx) => findFriend(tx, userId));

it('retries a reply LINE answers with 5xx, then marks the event failed and logs LINE’s request id', async () => {
  const capture = logCapture();
  product = await startProduct({
    app: { logger: capture.logger },
    standIn: { faults: { replyMessage: { serverErrorRate: 1 } } },
  });
  const shopper = product.line.shoppers.create({ displayName: '黃小姐' });
  await product.line.shoppers.follow(shopper.userId);
  await product.app.events.idle();

  const failures = capture.lines.filter((line) => line.msg === 'webhook event failed');
  expect(failures.map((f) => [f.status, f.attempt])).toEqual([
    [500, 1],
    [500, 2],
    [500, 3],
  ]);
  expect(failures[0]!.lineRequestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(await product.engine.read((tx) => tx.select().from(webhookEvents))).toMatchObject([
    { status: 'failed', attempts: 3 },
  ]);
  expect(await friend(shopper.userId)).toMatchObject({ displayName: '黃小姐', status: 'friend' });
});

it('records a new friend even when LINE cannot give their profile, and greets them without a name', async () => {
  product = await startProduct({ standIn: { faults: { getProfile: { serverErrorRate: 1 } } } });
  const shopper = product.line.shoppers.create({ displayName: '不會出現' });
  await product.line.shoppers.follow(shopper.userId);
  await product.app.events.idle();

  expect(await friend(shopper.userId)).toMatchObject({ status: 'friend', displayName: null });
  const [welcome] = product.line.inspect.messagesTo(shopper.userId);
  expect(welcome?.message).toMatchObject({ type: 'text', text: expect.stringMatching(/^您好!感謝加入好友/) });
});

it('never writes the access token, the channel secret or the signature to its logs', async () => {
  const capture = logCapture('trace');
  product = await startProduct({
    app: { logger: capture.logger },
    standIn: { faults: { replyMessage: { serverErrorRate: 1 } } },
  });
  const shopper = product.line.shoppers.create();
  const delivery = await product.line.shoppers.follow(shopper.userId);
  await product.app.events.idle();

  const logged = capture.text();
  expect(logged).toContain('webhook event failed');
  expect(logged).not.toContain(product.channelSecret);
  expect(logged).not.toContain(product.channelAccessToken);
  expect(logged).not.toContain(delivery.events[0]!.replyToken);
});
