import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../db/engine.ts';
import { chatMedia, chatMessages, chatSettings, memberNotes } from '../../../db/schema.ts';
import { openTestEngine } from '../../../db/test-engine.ts';
import { addStore, joinForm } from '../../testing/members.ts';
import { runDailyPointsJob } from '../daily-points-job.ts';
import { joinMembership } from '../members.ts';
import { deleteMembership } from '../personal-data.ts';
import { recordIncoming } from './ingest.ts';

const now = new Date('2026-11-30T02:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const shopper = 'Ucccccccccccccccccccccccccccccccc';
let engine: Engine;
beforeEach(async () => {
  engine = await openTestEngine();
});
afterEach(() => engine.close());

let counter = 0;
/** A photo the shopper sent `days` ago, fetched and kept. */
async function photo(days: number, lineUserId = shopper) {
  counter++;
  const { messageId } = await recordIncoming(engine, {
    lineUserId,
    webhookEventId: `01KEEP${counter}`,
    message: { id: `${counter}`, type: 'image', contentProvider: { type: 'line' } },
    sentAt: daysAgo(days),
  });
  await engine.write((tx) =>
    tx
      .update(chatMedia)
      .set({ status: 'fetched', content: Buffer.from('photo'), contentType: 'image/jpeg', size: 5 })
      .where(eq(chatMedia.messageId, messageId)),
  );
  return messageId;
}
async function words(text: string, days: number, lineUserId = shopper) {
  counter++;
  return (
    await recordIncoming(engine, {
      lineUserId,
      webhookEventId: `01KEEP${counter}`,
      message: { id: `${counter}`, type: 'text', text },
      sentAt: daysAgo(days),
    })
  ).messageId;
}
const messages = () => engine.read((tx) => tx.select().from(chatMessages).orderBy(chatMessages.id));
const media = () => engine.read((tx) => tx.select().from(chatMedia).orderBy(chatMedia.messageId));

describe('keeping chat content no longer than it may be kept', () => {
  it('erases the text and media of messages older than the retention period in the daily job, keeping kind and time', async () => {
    await engine.write((tx) =>
      tx.update(chatSettings).set({ retentionDays: 30 }).where(eq(chatSettings.id, 1)),
    );
    const old = await words('我的地址是信義路五段7號', 31);
    const oldPhoto = await photo(40);
    const recent = await words('謝謝', 29);
    expect((await runDailyPointsJob(engine, now)).chatErased).toBe(2);
    const kept = await messages();
    expect(kept.map((m) => [m.id, m.kind, m.text, m.erasedAt !== null])).toEqual([
      [old, 'text', null, true],
      [oldPhoto, 'image', null, true],
      [recent, 'text', '謝謝', false],
    ]);
    expect(kept[0]!.sentAt).toEqual(daysAgo(31));
    expect(JSON.stringify(kept[0])).not.toContain('信義路');
    expect(await media()).toMatchObject([{ messageId: oldPhoto, status: 'erased', content: null }]);
    expect((await runDailyPointsJob(engine, now)).chatErased).toBe(0);
  });

  it('erases a deleted member’s chat, media and staff notes, and no one else’s', async () => {
    const store = await addStore(engine);
    const member = await joinMembership(engine, shopper, joinForm(store.id), daysAgo(10));
    await words('我叫王小明', 2);
    await photo(1);
    const other = 'Udddddddddddddddddddddddddddddddd';
    await words('你好', 1, other);
    await engine.write((tx) =>
      tx.insert(memberNotes).values({ memberId: member.id, text: '喜歡無糖', createdAt: now }),
    );
    await deleteMembership(engine, member, now);
    const left = await messages();
    expect(left.map((m) => [m.lineUserId === other, m.text, m.erasedAt !== null])).toEqual([
      [false, null, true],
      [false, null, true],
      [true, '你好', false],
    ]);
    expect(left[0]!.payload).toMatchObject({ erased: 'deleted' });
    expect(await media()).toMatchObject([{ status: 'erased', content: null }]);
    expect(await engine.read((tx) => tx.select().from(memberNotes))).toEqual([]);
  });
});
