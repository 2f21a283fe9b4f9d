import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestEngine } from '../../../db/engine.ts';
import { chatMessages } from '../../../db/schema.ts';
import { openTestEngine } from '../../../db/test-engine.ts';
import { type ChatCursor, chatChangesSince, newestMessageId } from './changes.ts';
import { recordIncoming } from './ingest.ts';

let engine: TestEngine;
beforeEach(async () => {
  engine = await openTestEngine();
});
afterEach(() => engine.close());

const shopper = 'U0123456789abcdef0123456789abcdef';
let counter = 0;
const writes = (text: string, sentAt: Date, now?: Date) =>
  recordIncoming(engine, {
    lineUserId: shopper,
    webhookEventId: `01EVENT${++counter}`,
    message: { id: `${1000 + counter}`, type: 'text', text },
    sentAt,
    now,
  });
const cursor = (over: Partial<ChatCursor>): ChatCursor => ({
  messageId: 0,
  gaps: [],
  changedAfter: new Date(0),
  unsettled: [],
  sent: () => undefined,
  ...over,
});

describe('what changed in the inbox', () => {
  it('reads only the messages after the cursor, and a conversation again only when its version changed', async () => {
    const first = await writes('你好', new Date());
    const start = await newestMessageId(engine);
    expect(start).toBe(first.messageId);
    const second = await writes('請問營業時間？', new Date());
    const changes = await chatChangesSince(engine, cursor({ messageId: start }));
    expect(changes.messages.map((m) => m.message.id)).toEqual([second.messageId]);
    expect(changes.messages[0]).toMatchObject({ conversationId: second.conversationId });
    expect(changes.rows.map((row) => row.id)).toEqual([second.conversationId]);
    const again = await chatChangesSince(
      engine,
      cursor({ messageId: changes.messageId, sent: (id) => changes.versions.get(id) }),
    );
    expect(again).toMatchObject({ rows: [], messages: [], messageId: second.messageId, gaps: [] });
  });

  it('sees a conversation a late event changed, by when it was recorded rather than the event’s time', async () => {
    const now = new Date();
    await writes('你好', now);
    const late = await writes('昨天寫的', new Date(now.getTime() - 86_400_000), now);
    const changes = await chatChangesSince(
      engine,
      cursor({ messageId: late.messageId, changedAfter: new Date(now.getTime() - 1_000) }),
    );
    expect(changes.rows.map((row) => row.id)).toEqual([late.conversationId]);
  });

  it('keeps an id a transaction still holds as a gap, and reads it once committed (PostgreSQL)', async () => {
    if (engine.dialect !== 'postgres') return; // SQLite commits one write at a time: ids come in commit order
    const { messageId: start } = await writes('你好', new Date());
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let taken!: (id: number) => void;
    const lowId = new Promise<number>((resolve) => (taken = resolve));
    const slow = engine.write(async (tx) => {
      const [row] = await tx
        .insert(chatMessages)
        .values({
          lineUserId: shopper,
          direction: 'in',
          kind: 'text',
          text: '慢的',
          payload: {},
          sentAt: new Date(),
        })
        .returning({ id: chatMessages.id });
      taken(row!.id);
      await held; // a transaction still in flight when the later one commits
    });
    const low = await lowId;
    const { messageId: high } = await writes('快的', new Date());
    expect(high).toBeGreaterThan(low);
    const before = await chatChangesSince(engine, cursor({ messageId: start }));
    expect(before.messages.map((m) => m.message.id)).toEqual([high]);
    expect(before.gaps).toEqual([low]);
    release();
    await slow;
    const after = await chatChangesSince(engine, cursor({ messageId: before.messageId, gaps: before.gaps }));
    expect(after.messages.map((m) => m.message.id)).toEqual([low]);
    expect(after.gaps).toEqual([]);
  });
});
