import { validateSignature } from '@line/bot-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detailsOf } from './conformance.ts';
import { readSpec, resolveDiscriminators, SchemaValidators, specFile } from './openapi-schemas.ts';
import { startTestLine, startWebhookReceiver, type TestLine } from './test-kit.ts';

const webhookSpec = readSpec(specFile('webhook.yml'));
const webhookSchemas = new SchemaValidators('webhook', resolveDiscriminators(webhookSpec.components.schemas));
/** What is wrong with a body against webhook.yml's CallbackRequest (with its event subtypes). */
const webhookViolations = (raw: string) =>
  detailsOf(webhookSchemas.forComponent('CallbackRequest'), JSON.parse(raw));

let t: TestLine;
let hook: Awaited<ReturnType<typeof startWebhookReceiver>>;
let answer = 200;
beforeEach(async () => {
  answer = 200;
  hook = await startWebhookReceiver(() => answer);
  t = await startTestLine();
  t.line.setWebhookUrl(hook.url);
});
afterEach(async () => {
  await t.line.close();
  await hook.close();
});

const lastBody = () => JSON.parse(hook.received.at(-1)!.raw);

describe('webhooks as LINE sends them', () => {
  it('signs the raw body with the channel secret and sends LINE headers', async () => {
    const shopper = t.line.shoppers.create();
    await t.line.shoppers.follow(shopper.userId);
    const [{ raw, headers }] = hook.received as [(typeof hook.received)[0]];
    expect(validateSignature(raw, t.channelSecret, String(headers['x-line-signature']))).toBe(true);
    expect(validateSignature(raw, 'f'.repeat(32), String(headers['x-line-signature']))).toBe(false);
    expect(headers['content-type']).toBe('application/json; charset=utf-8');
    expect(headers['user-agent']).toBe('LineBotWebhook/2.0');
  });

  it('sends follow, unfollow, unblock, message and postback events that conform to webhook.yml', async () => {
    const shopper = t.line.shoppers.create({ displayName: '王小明' });
    const { userId } = shopper;
    await t.line.shoppers.follow(userId);
    await t.line.shoppers.sendText(userId, '我想查點數');
    await t.line.shoppers.sendSticker(userId, '446', '1988');
    await t.line.shoppers.sendImage(userId);
    await t.line.shoppers.sendLocation(userId, { title: '台北101', latitude: 25.034, longitude: 121.5645 });
    await t.line.shoppers.postback(userId, 'action=pick-date', { date: '2026-12-24' });
    await t.line.shoppers.block(userId);
    await t.line.shoppers.unblock(userId);
    expect(hook.received).toHaveLength(8);
    for (const { raw } of hook.received) expect(webhookViolations(raw)).toEqual([]);

    const events = hook.received.map(({ raw }) => JSON.parse(raw).events[0]);
    expect(events.map((e) => e.type)).toEqual([
      'follow',
      'message',
      'message',
      'message',
      'message',
      'postback',
      'unfollow',
      'follow',
    ]);
    for (const event of events) {
      expect(event).toMatchObject({
        mode: 'active',
        timestamp: t.clock.now(),
        source: { type: 'user', userId },
        webhookEventId: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
        deliveryContext: { isRedelivery: false },
      });
    }
    expect(events[0].follow).toEqual({ isUnblocked: false });
    expect(events[7].follow).toEqual({ isUnblocked: true });
    expect(events[6].replyToken).toBeUndefined();
    expect(events[1].message).toMatchObject({
      type: 'text',
      text: '我想查點數',
      id: expect.stringMatching(/^\d+$/),
      quoteToken: expect.any(String),
      markAsReadToken: expect.any(String),
    });
    expect(events[5].postback).toEqual({ data: 'action=pick-date', params: { date: '2026-12-24' } });
    expect(lastBody().destination).toMatch(/^U[0-9a-f]{32}$/);
  });

  it('sends events in standby mode without a reply token when asked', async () => {
    const shopper = t.line.shoppers.create();
    await t.line.shoppers.follow(shopper.userId, { mode: 'standby' });
    expect(lastBody().events[0]).toMatchObject({ mode: 'standby' });
    expect(lastBody().events[0].replyToken).toBeUndefined();
  });

  it('redelivers an event with the same id and reply token, marked as a redelivery', async () => {
    const shopper = t.line.shoppers.create();
    const first = await t.line.shoppers.follow(shopper.userId);
    const again = await t.line.shoppers.redeliver(first.events[0]!.webhookEventId);
    expect(again.events[0]).toEqual({ ...first.events[0], deliveryContext: { isRedelivery: true } });
    expect(lastBody().events[0].deliveryContext).toEqual({ isRedelivery: true });
    await expect(t.line.shoppers.redeliver('01NOSUCHEVENT0000000000000')).rejects.toThrow(/No webhook event/);
  });
});

describe('recording deliveries', () => {
  it('keeps the status, latency and events of each delivery', async () => {
    const shopper = t.line.shoppers.create();
    answer = 500;
    const delivery = await t.line.shoppers.follow(shopper.userId);
    expect(delivery).toMatchObject({ url: hook.url, status: 500, timedOut: false, error: null });
    expect(delivery.latencyMs).toBeGreaterThan(0);
    expect(t.line.inspect.deliveries()).toEqual([delivery]);
  });

  it('counts a product slower than the timeout as timed out', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = await startWebhookReceiver(async () => {
      await held;
      return 200;
    });
    const line = await startTestLine({ limits: { webhookTimeoutMs: 50 }, webhookUrl: slow.url });
    const shopper = line.line.shoppers.create();
    const delivery = await line.line.shoppers.follow(shopper.userId);
    expect(delivery).toMatchObject({ status: null, timedOut: true, error: 'no answer within 50 ms' });
    release();
    await line.line.close();
    await slow.close();
  });

  it('records a refused connection and a missing webhook URL as failed deliveries', async () => {
    const shopper = t.line.shoppers.create();
    const gone = await startWebhookReceiver();
    await gone.close();
    t.line.setWebhookUrl(gone.url);
    expect(await t.line.shoppers.follow(shopper.userId)).toMatchObject({
      status: null,
      error: 'ECONNREFUSED',
    });
    t.line.setWebhookUrl(null);
    expect(await t.line.shoppers.block(shopper.userId)).toMatchObject({
      status: null,
      error: 'no webhook URL is set',
    });
  });
});
