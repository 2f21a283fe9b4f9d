import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../db/engine.ts';
import { businessHours, chatMessages, conversations, lineFriends } from '../../../db/schema.ts';
import { openTestEngine } from '../../../db/test-engine.ts';
import { addStore, joinForm } from '../../testing/members.ts';
import { joinMembership } from '../members.ts';
import { recordIncoming } from './ingest.ts';
import { planAutomaticAnswer, settleAutomaticAnswer, staffAnswered } from './rules.ts';

/** 2026-11-30 is a Monday; the default brand hours are every day 10:00–21:00 in Taipei. */
const taipei = (local: string) => new Date(`${local}+08:00`);
const shopper = 'Uaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
let engine: Engine;
beforeEach(async () => {
  engine = await openTestEngine();
});
afterEach(() => engine.close());

let counter = 0;
/** The shopper writes `text` at `local` Taipei time; what the rules answer, sent. */
async function writes(text: string | null, local: string, lineUserId = shopper) {
  counter++;
  const now = taipei(local);
  const webhookEventId = `01RULES${counter}`;
  const { conversationId } = await recordIncoming(engine, {
    lineUserId,
    webhookEventId,
    message: text === null ? { id: `${counter}`, type: 'sticker' } : { id: `${counter}`, type: 'text', text },
    sentAt: now,
  });
  const answer = await planAutomaticAnswer(engine, { conversationId, webhookEventId, text, now });
  if (answer) await settleAutomaticAnswer(engine, answer, 'sent', now);
  return answer?.reply ?? null;
}
const soon = { kind: 'text', text: expect.stringContaining('專人會盡快回覆') };
const away = { kind: 'text', text: expect.stringContaining('非營業時間') };
const conversationOf = async (lineUserId = shopper) =>
  (
    await engine.read((tx) => tx.select().from(conversations).where(eq(conversations.lineUserId, lineUserId)))
  )[0]!;

describe('the chat’s automatic answers', () => {
  it('answers the default keywords in bot mode, trimmed and in any case, as before the rules were rows', async () => {
    expect(await writes(' 點數 ', '2026-11-30T12:00:00')).toEqual({ kind: 'points' });
    expect(await writes('會員卡', '2026-11-30T12:01:00')).toEqual({ kind: 'card' });
    expect(await writes('優惠卷', '2026-11-30T23:00:00')).toEqual({ kind: 'coupons' });
    expect(await writes('COUPON', '2026-11-30T23:01:00')).toEqual({ kind: 'coupons' });
  });

  it('tells the shopper "we will reply soon" once during hours, and again only after staff answered', async () => {
    expect(await writes('請問有停車位嗎？', '2026-11-30T12:00:00')).toEqual(soon);
    expect(await writes('還有一個問題', '2026-11-30T12:05:00')).toBeNull();
    expect(await writes(null, '2026-11-30T12:06:00')).toBeNull();
    const { id } = await conversationOf();
    await engine.write((tx) => staffAnswered(tx, id));
    expect(await writes('謝謝', '2026-11-30T13:00:00')).toEqual(soon);
  });

  it('sends the away text once per closed period', async () => {
    expect(await writes('在嗎？', '2026-11-30T22:00:00')).toEqual(away);
    expect(await writes('有人嗎？', '2026-12-01T01:00:00')).toBeNull();
    expect(await writes('早安', '2026-12-01T09:59:00')).toBeNull();
    expect(await writes('開門了嗎', '2026-12-01T10:30:00')).toEqual(soon);
    expect(await writes('晚安', '2026-12-01T21:30:00')).toEqual(away);
  });

  it('keeps keyword replies quiet while staff handle the conversation', async () => {
    await writes(null, '2026-11-30T12:00:00');
    await engine.write((tx) =>
      tx.update(conversations).set({ mode: 'staff' }).where(eq(conversations.lineUserId, shopper)),
    );
    expect(await writes('點數', '2026-11-30T12:01:00')).toBeNull();
    expect(await writes('點數', '2026-11-30T22:01:00')).toEqual(away);
  });

  it('leaves the reply token to staff while they handle the conversation: no "we will reply soon" then', async () => {
    await writes(null, '2026-11-30T12:00:00');
    const { id } = await conversationOf();
    await engine.write(async (tx) => {
      await tx.update(conversations).set({ mode: 'staff' }).where(eq(conversations.id, id));
      await staffAnswered(tx, id);
    });
    expect(await writes('好的，那明天呢？', '2026-11-30T12:10:00')).toBeNull();
  });

  it('answers in English to a shopper whose LINE is in English', async () => {
    const at = taipei('2026-11-30T12:00:00');
    await engine.write((tx) =>
      tx
        .insert(lineFriends)
        .values({ lineUserId: shopper, language: 'en', status: 'friend', followedAt: at, updatedAt: at }),
    );
    expect(await writes('hello', '2026-11-30T12:00:00')).toEqual({
      kind: 'text',
      text: expect.stringContaining('Our staff will reply soon'),
    });
  });

  it('goes by the hours of the member’s home store when it has its own, else by the brand’s', async () => {
    const late = await addStore(engine, 'TPE02', '台北永康店');
    await engine.write((tx) =>
      tx.insert(businessHours).values(
        Array.from({ length: 7 }, (_, weekday) => ({
          storeId: late.id,
          weekday,
          opens: '12:00',
          closes: '23:30',
        })),
      ),
    );
    const member = 'Ubbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
    await joinMembership(engine, member, joinForm(late.id), taipei('2026-11-01T12:00:00'));
    expect(await writes('還開著嗎？', '2026-11-30T22:00:00', member)).toEqual(soon);
    expect(await writes('還開著嗎？', '2026-11-30T22:00:00')).toEqual(away);
    // A conversation assigned to a store goes by that store's hours.
    const brandOnly = await addStore(engine, 'TPE03', '台北南港店');
    await engine.write((tx) =>
      tx
        .update(conversations)
        .set({ storeId: brandOnly.id, awaySentAt: null })
        .where(eq(conversations.lineUserId, member)),
    );
    expect(await writes('明天呢？', '2026-11-30T23:00:00', member)).toEqual(away);
  });

  it('records each automatic answer as the conversation’s out message, and forgets one LINE refused', async () => {
    const now = taipei('2026-11-30T12:00:00');
    const { conversationId } = await recordIncoming(engine, {
      lineUserId: shopper,
      webhookEventId: '01REFUSED',
      message: { id: '9', type: 'text', text: '你好' },
      sentAt: now,
    });
    const plan = { conversationId, webhookEventId: '01REFUSED', text: '你好', now };
    const answer = (await planAutomaticAnswer(engine, plan))!;
    // The same event processed again finds the same answer still to send, not a second one.
    expect(await planAutomaticAnswer(engine, plan)).toEqual(answer);
    await settleAutomaticAnswer(engine, answer, 'withdrawn', now);
    expect((await conversationOf()).soonSentAt).toBeNull();
    const again = (await planAutomaticAnswer(engine, { ...plan, webhookEventId: '01NEXT' }))!;
    await settleAutomaticAnswer(engine, again, 'sent', now);
    expect(await planAutomaticAnswer(engine, { ...plan, webhookEventId: '01NEXT' })).toBeNull();
    const out = await engine.read((tx) =>
      tx.select().from(chatMessages).where(eq(chatMessages.direction, 'out')),
    );
    expect(out).toMatchObject([
      {
        staffId: null,
        delivery: 'reply',
        status: 'sent',
        kind: 'text',
        text: expect.stringContaining('專人'),
      },
    ]);
    expect((await conversationOf()).lastMessageId).toBe(out[0]!.id);
  });
});
