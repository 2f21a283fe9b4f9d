import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../db/engine.ts';
import { chatMessages, conversations, lineFriends, webhookEvents } from '../../../db/schema.ts';
import { openTestEngine } from '../../../db/test-engine.ts';
import { recordFollow } from '../friends.ts';
import { claimWebhookEvents, markEvent, recordWebhookEvents } from '../webhook-inbox.ts';
import { automaticAnswerSent, receiveMessage } from './receive.ts';

/** 12:00 in Taipei, within the default brand hours (every day 10:00–21:00). */
const noon = new Date('2026-11-30T04:00:00Z');
const shopper = 'Ubbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
const worker = 'this-instance';
let engine: Engine;
beforeEach(async () => {
  engine = await openTestEngine();
  await recordFollow(engine, shopper, { displayName: '林小姐' }, noon);
});
afterEach(() => engine.close());

let counter = 0;
/** A text message event as the webhook records it and this instance claims it; `done` marks it in a write. */
async function claimedMessage(text: string, at = noon) {
  counter++;
  const webhookEventId = `01RECEIVE${counter}`;
  const message = { id: `${9000 + counter}`, type: 'text', text };
  const event = {
    type: 'message',
    mode: 'active',
    timestamp: at.getTime(),
    webhookEventId,
    source: { type: 'user', userId: shopper },
    replyToken: `token-${counter}`,
    message,
  };
  await recordWebhookEvents(engine, [event], at);
  const [stored] = await claimWebhookEvents(engine, { worker, limit: 10, now: at, leaseMs: 60_000 });
  const incoming = { lineUserId: shopper, webhookEventId, message, sentAt: at, now: at };
  const done = (tx: Parameters<typeof markEvent>[0]) =>
    markEvent(tx, stored!, worker, { status: 'done', at });
  return { incoming, done, replyToken: event.replyToken, webhookEventId };
}

const eventStatus = async (webhookEventId: string) =>
  (
    await engine.read((tx) =>
      tx.select().from(webhookEvents).where(eq(webhookEvents.webhookEventId, webhookEventId)),
    )
  )[0]!.status;
const messages = () =>
  engine.read((tx) => tx.select().from(chatMessages).where(eq(chatMessages.lineUserId, shopper)));
const conversation = async () =>
  (
    await engine.read((tx) => tx.select().from(conversations).where(eq(conversations.lineUserId, shopper)))
  )[0];
const keptToken = async () =>
  (
    await engine.read((tx) =>
      tx
        .select({ token: lineFriends.unusedReplyToken })
        .from(lineFriends)
        .where(eq(lineFriends.lineUserId, shopper)),
    )
  )[0]!.token;

describe('a shopper’s message taken in from the webhook inbox', () => {
  it('is recorded, keeps its reply token and marks its event done in one write when nothing is to be sent', async () => {
    const first = await claimedMessage('你好');
    const answered = await receiveMessage(engine, first.incoming, first.replyToken, first.done);
    expect(answered.answer?.reply).toMatchObject({
      kind: 'text',
      text: expect.stringContaining('專人會盡快回覆'),
    });
    await automaticAnswerSent(engine, answered.answer!, 'sent', noon, first.done);

    const second = await claimedMessage('還有一個問題');
    let writes = 0;
    const counting: Engine = {
      ...engine,
      write: (work, options) => {
        writes++;
        return engine.write(work, options);
      },
    };
    const quiet = await receiveMessage(counting, second.incoming, second.replyToken, second.done);
    expect(quiet.answer).toBeNull();
    expect(writes).toBe(1);
    expect(await eventStatus(second.webhookEventId)).toBe('done');
    expect(await keptToken()).toBe(second.replyToken);
    expect(await conversation()).toMatchObject({ unread: 2 });
  });

  it('records nothing of the message when its write fails, and counts it once when processed again', async () => {
    const event = await claimedMessage('你好');
    const failing = async () => {
      throw new Error('the instance died before its commit');
    };
    // No usable token (a replay long after): the done mark goes with the message's own write.
    await expect(receiveMessage(engine, event.incoming, null, failing)).rejects.toThrow();
    expect(await messages()).toEqual([]);
    expect(await conversation()).toBeUndefined();
    expect(await keptToken()).toBeNull();
    expect(await eventStatus(event.webhookEventId)).toBe('pending');

    await receiveMessage(engine, event.incoming, null, event.done);
    await receiveMessage(engine, event.incoming, null, event.done);
    expect((await messages()).map((m) => m.text)).toEqual(['你好']);
    expect(await conversation()).toMatchObject({ unread: 1 });
    expect(await eventStatus(event.webhookEventId)).toBe('done');
  });

  it('keeps an answer whose reply was not settled pending with its event, and settles both once when processed again', async () => {
    const event = await claimedMessage('你好');
    const first = await receiveMessage(engine, event.incoming, event.replyToken, event.done);
    expect(await eventStatus(event.webhookEventId)).toBe('pending');
    // The instance died before its reply was settled: the event is processed again, the answer is the same one.
    const again = await receiveMessage(engine, event.incoming, event.replyToken, event.done);
    expect(again.answer).toEqual(first.answer);
    await automaticAnswerSent(engine, again.answer!, 'sent', noon, event.done);

    expect(await eventStatus(event.webhookEventId)).toBe('done');
    const log = await messages();
    expect(log.map((m) => [m.direction, m.status])).toEqual([
      ['in', null],
      ['out', 'sent'],
    ]);
    expect(await conversation()).toMatchObject({ unread: 1, lastMessageId: first.answer!.messageId });
  });

  it('answers nothing and keeps no token without a usable reply token, and still marks its event done', async () => {
    const event = await claimedMessage('你好');
    const { answer } = await receiveMessage(engine, event.incoming, null, event.done);
    expect(answer).toBeNull();
    expect(await keptToken()).toBeNull();
    expect(await eventStatus(event.webhookEventId)).toBe('done');
    expect((await messages()).map((m) => m.direction)).toEqual(['in']);
  });
});
