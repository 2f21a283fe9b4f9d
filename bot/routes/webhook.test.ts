import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatMessages, webhookEvents } from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { buildApp } from '../app.ts';
import { chatWith } from '../domain/chat/ingest.ts';
import { recordWebhookEvents } from '../domain/webhook-inbox.ts';
import { lineUserId, sign, textMessageEvent, webhookBody } from '../testing/events.ts';
import { appOptionsFor, type Product, startProduct } from '../testing/harness.ts';

let product: Product;
beforeEach(async () => {
  product = await startProduct({
    app: {
      postbackActions: {
        explode: async () => {
          throw new Error('this action always fails');
        },
      },
    },
  });
});
afterEach(() => product.close());

const storedEvents = () => product.engine.read((tx) => tx.select().from(webhookEvents));
const chatOf = (userId: string) => product.engine.read((tx) => chatWith(tx, userId));

describe('POST /webhook signature', () => {
  it('accepts a body signed with the channel secret and stores its events', async () => {
    const event = textMessageEvent(lineUserId(), '你好');
    const response = await product.postWebhook(webhookBody(event));
    expect(response.statusCode).toBe(200);
    expect((await storedEvents()).map((e) => e.webhookEventId)).toEqual([event.webhookEventId]);
  });

  it('answers 401 and stores nothing without a signature', async () => {
    const response = await product.postWebhook(webhookBody(textMessageEvent(lineUserId(), 'hi')), null);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'INVALID_SIGNATURE' });
    expect(await storedEvents()).toEqual([]);
  });

  it('answers 401 and stores nothing when signed with another secret', async () => {
    const raw = JSON.stringify(webhookBody(textMessageEvent(lineUserId(), 'hi')));
    const response = await product.postWebhook(raw, sign(raw, 'f'.repeat(32)));
    expect(response.statusCode).toBe(401);
    expect(await storedEvents()).toEqual([]);
  });

  it('answers 401 when the body was changed after signing', async () => {
    const raw = JSON.stringify(webhookBody(textMessageEvent(lineUserId(), 'earn 100 points')));
    const signature = sign(raw, product.channelSecret);
    const response = await product.postWebhook(raw.replace('100', '900'), signature);
    expect(response.statusCode).toBe(401);
    expect(await storedEvents()).toEqual([]);
  });

  it('checks the signature over the raw bytes, not re-serialised JSON', async () => {
    const raw = `{ "destination": "U${'0'.repeat(32)}",\n  "events": [] }`;
    const response = await product.postWebhook(raw, sign(raw, product.channelSecret));
    expect(response.statusCode).toBe(200);
  });
});

describe('POST /webhook body', () => {
  it('answers 400 to a signed body that is not JSON', async () => {
    const raw = 'events=[]';
    const response = await product.postWebhook(raw, sign(raw, product.channelSecret));
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'INVALID_BODY' });
  });

  it('answers 400 to signed JSON that is not a webhook request', async () => {
    const response = await product.postWebhook({ events: [{ type: 'message' }] });
    expect(response.statusCode).toBe(400);
    expect(await storedEvents()).toEqual([]);
  });

  it('answers 413 to a body over 1 MB and stores nothing', async () => {
    const event = textMessageEvent(lineUserId(), 'x'.repeat(1024 * 1024));
    const response = await product.postWebhook(webhookBody(event));
    expect(response.statusCode).toBe(413);
    expect(await storedEvents()).toEqual([]);
  });

  it("answers 200 to LINE's connectivity check with no events", async () => {
    const response = await product.postWebhook(webhookBody());
    expect(response.statusCode).toBe(200);
    expect(await storedEvents()).toEqual([]);
  });
});

describe('webhook events', () => {
  it('records standby events and does not process them', async () => {
    const userId = lineUserId();
    const event = { ...textMessageEvent(userId, 'from standby'), mode: 'standby' };
    expect((await product.postWebhook(webhookBody(event))).statusCode).toBe(200);
    await product.app.events.idle();
    expect(await storedEvents()).toMatchObject([{ webhookEventId: event.webhookEventId, status: 'skipped' }]);
    expect(await chatOf(userId)).toEqual([]);
  });

  it('gives the same event delivered 20 times at once one effect', async () => {
    const userId = lineUserId();
    const body = webhookBody(textMessageEvent(userId, '同一則訊息'));
    const responses = await Promise.all(Array.from({ length: 20 }, () => product.postWebhook(body)));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    await product.app.events.idle();
    expect(await storedEvents()).toHaveLength(1);
    expect((await chatOf(userId)).map((m) => m.text)).toEqual(['同一則訊息']);
  });

  it('keeps processing the other events when one fails', async () => {
    const userId = lineUserId();
    const failing = {
      ...textMessageEvent(userId, ''),
      type: 'postback',
      postback: { data: 'action=explode' },
    };
    const after = textMessageEvent(userId, 'still here', failing.timestamp + 1);
    await product.postWebhook(webhookBody(failing, after));
    await product.app.events.idle();
    const status = Object.fromEntries((await storedEvents()).map((e) => [e.webhookEventId, e.status]));
    expect(status).toEqual({ [failing.webhookEventId]: 'failed', [after.webhookEventId]: 'done' });
    expect((await chatOf(userId)).map((m) => m.text)).toEqual(['still here']);
  });
});

describe('webhook inbox after a crash', () => {
  it('processes events recorded but not processed before the restart', async () => {
    const engine = await openTestEngine();
    const userId = lineUserId();
    const event = textMessageEvent(userId, 'sent just before the crash');
    await recordWebhookEvents(engine, [event], new Date());
    const app = await buildApp(appOptionsFor(product.line, product, engine));
    try {
      await app.ready();
      await app.events.idle();
      const chat = await engine.read((tx) =>
        tx.select().from(chatMessages).where(eq(chatMessages.lineUserId, userId)),
      );
      expect(chat).toHaveLength(1);
      expect(await engine.read((tx) => tx.select().from(webhookEvents))).toMatchObject([
        { status: 'done', attempts: 1 },
      ]);
    } finally {
      await app.close();
      await engine.close();
    }
  });
});

describe('webhook inbox under concurrent deliveries', () => {
  it('stores each event once before its answer, then processes it once', async () => {
    const userId = lineUserId();
    const once = textMessageEvent(userId, '同一則訊息');
    const others = Array.from({ length: 30 }, (_, i) =>
      textMessageEvent(userId, `第 ${i} 則`, once.timestamp + i + 1),
    );
    const bodies = [...Array(20).fill(webhookBody(once)), ...others.map((event) => webhookBody(event))];
    // Reads see only what is committed (on SQLite through a connection of their own).
    const storedWhenAnswered = await Promise.all(
      bodies.map(async (body) => {
        const response = await product.postWebhook(body);
        const id = body.events[0].webhookEventId;
        const [row] = await product.engine.read((tx) =>
          tx.select().from(webhookEvents).where(eq(webhookEvents.webhookEventId, id)),
        );
        return response.statusCode === 200 && row !== undefined;
      }),
    );
    expect(storedWhenAnswered).toEqual(Array(bodies.length).fill(true));
    await product.app.events.idle();
    const rows = await storedEvents();
    expect(rows).toHaveLength(31);
    expect(rows.every((row) => row.status === 'done')).toBe(true);
    const texts = (await chatOf(userId)).map((m) => m.text);
    expect(texts).toEqual(['同一則訊息', ...others.map((event) => event.message.text)]);
  });
});
