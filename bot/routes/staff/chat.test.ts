import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, chatMessages } from '../../../db/schema.ts';
import { joinMembership } from '../../domain/members.ts';
import { friendOf, handClock, shopperWrites, startChatProduct } from '../../testing/chat.ts';
import { addStore, joinForm } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

type ChatProduct = Awaited<ReturnType<typeof startChatProduct>>;
let product: ChatProduct;
let clock: ReturnType<typeof handClock>;
let storeA: number;
let storeB: number;
let ming: string;
let mei: string;

beforeEach(async () => {
  clock = handClock();
  product = await startChatProduct({ clock });
  storeA = (await addStore(product.engine, 'TPE01', '台北信義店')).id;
  storeB = (await addStore(product.engine, 'KHH01', '高雄巨蛋店')).id;
  await addStaff(product.engine, 'amy', 'clerk', [storeA]);
  await addStaff(product.engine, 'bob', 'clerk', [storeB]);
  await addStaff(product.engine, 'max', 'marketer');
  await addStaff(product.engine, 'ada', 'admin');
  ming = await friendOf(product, '王小明');
  mei = await friendOf(product, '陳美玲');
  await joinMembership(
    product.engine,
    ming,
    joinForm(storeA, { phone: '0912345678', name: '王小明' }),
    clock.now(),
  );
  await joinMembership(
    product.engine,
    mei,
    joinForm(storeB, { phone: '0922333444', name: '陳美玲' }),
    clock.now(),
  );
});
afterEach(() => product.close());

const list = async (who: Awaited<ReturnType<typeof signedIn>>, query = '') =>
  (await who.get(`/api/staff/chat/conversations${query}`)).json() as {
    conversations: { id: number; lineUserId: string; unread: number; member: { name: string } | null }[];
    next: string | null;
  };

describe('who sees which conversation', () => {
  it('shows a clerk their store’s members’ conversations only, and answers 404 for another store’s', async () => {
    const a = await shopperWrites(product, ming, '你好，請問營業時間？');
    const b = await shopperWrites(product, mei, '我的點數呢');
    const amy = await signedIn(product.app, 'amy');
    expect((await list(amy)).conversations.map((c) => c.lineUserId)).toEqual([ming]);
    for (const [method, url, body] of [
      ['GET', `/api/staff/chat/conversations/${b.conversationId}`],
      ['POST', `/api/staff/chat/conversations/${b.conversationId}/read`],
      ['POST', `/api/staff/chat/conversations/${b.conversationId}/typing`],
      [
        'POST',
        `/api/staff/chat/conversations/${b.conversationId}/messages`,
        { text: '您好', requestId: randomUUID() },
      ],
      ['PATCH', `/api/staff/chat/conversations/${b.conversationId}`, { status: 'done' }],
      ['GET', `/api/staff/chat/media/${b.messageId}`],
    ] as const) {
      const answer = await amy.send(method, url, body);
      expect([url, answer.statusCode]).toEqual([url, 404]);
    }
    expect((await amy.get(`/api/staff/chat/conversations/${a.conversationId}`)).statusCode).toBe(200);
    const ada = await signedIn(product.app, 'ada');
    expect((await list(ada)).conversations).toHaveLength(2);
    const max = await signedIn(product.app, 'max');
    expect((await max.get('/api/staff/chat/conversations')).statusCode).toBe(403);

    // Assigned to amy, or moved to her store, the other store's conversation is hers to see.
    const bob = await signedIn(product.app, 'bob');
    const amyId = (await product.engine.read((tx) =>
      tx.query.staff.findFirst({ where: (s, { eq }) => eq(s.username, 'amy') }),
    ))!.id;
    const assigned = await bob.send('PATCH', `/api/staff/chat/conversations/${b.conversationId}`, {
      assigneeId: amyId,
    });
    expect(assigned.json()).toMatchObject({ assignee: { id: amyId, displayName: 'amy' } });
    expect((await list(amy)).conversations.map((c) => c.lineUserId).sort()).toEqual([ming, mei].sort());
    const maxId = (await product.engine.read((tx) =>
      tx.query.staff.findFirst({ where: (s, { eq }) => eq(s.username, 'max') }),
    ))!.id;
    const refused = await bob.send('PATCH', `/api/staff/chat/conversations/${b.conversationId}`, {
      assigneeId: maxId,
    });
    expect(refused.json()).toMatchObject({ code: 'ASSIGNEE_NOT_ALLOWED' });
    const audit = await product.engine.read((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, 'chat.assign')),
    );
    expect(audit).toMatchObject([{ subjectId: String(b.conversationId), after: { assigneeId: amyId } }]);
  });
});

describe('the inbox list', () => {
  it('lists unread first, filters by status and unread, and finds by name, phone, number, LINE name or words', async () => {
    await shopperWrites(product, ming, '請問營業時間');
    const b = await shopperWrites(product, mei, '想問優惠券');
    const ada = await signedIn(product.app, 'ada');
    await ada.send('POST', `/api/staff/chat/conversations/${b.conversationId}/read`);
    clock.advance(1_000);
    await shopperWrites(product, ming, '還在嗎');
    expect((await list(ada)).conversations.map((c) => [c.lineUserId, c.unread])).toEqual([
      [ming, 2],
      [mei, 0],
    ]);
    expect((await list(ada, '?unread=1')).conversations.map((c) => c.lineUserId)).toEqual([ming]);
    for (const q of ['美玲', '0922333', '優惠券']) {
      expect([
        q,
        (await list(ada, `?q=${encodeURIComponent(q)}`)).conversations.map((c) => c.lineUserId),
      ]).toEqual([q, [mei]]);
    }
    await ada.send('PATCH', `/api/staff/chat/conversations/${b.conversationId}`, { status: 'done' });
    expect((await list(ada)).conversations.map((c) => c.lineUserId)).toEqual([ming]);
    expect((await list(ada, '?status=done')).conversations.map((c) => c.lineUserId)).toEqual([mei]);
    expect((await list(ada, '?status=all&assignee=none')).conversations).toHaveLength(2);
  });

  it('pages by cursor, 50 at a time, without repeating or skipping a conversation', async () => {
    const shoppers = [];
    for (let i = 0; i < 52; i++) {
      const userId = await friendOf(product, `客人${i}`);
      await shopperWrites(product, userId, `第 ${i} 則`);
      shoppers.push(userId);
      clock.advance(1_000);
    }
    const ada = await signedIn(product.app, 'ada');
    const first = await list(ada);
    expect(first.conversations).toHaveLength(50);
    const second = await list(ada, `?before=${first.next}`);
    expect(second.next).toBeNull();
    const seen = [...first.conversations, ...second.conversations].map((c) => c.lineUserId);
    expect(seen).toEqual(shoppers.reverse());
  });
});

describe('reading a conversation', () => {
  it('marks the shopper’s messages read with the newest message’s markAsReadToken, once', async () => {
    const first = await shopperWrites(product, ming, '在嗎');
    const second = await shopperWrites(product, ming, '想問一下');
    const amy = await signedIn(product.app, 'amy');
    const url = `/api/staff/chat/conversations/${first.conversationId}/read`;
    expect((await amy.send('POST', url)).json()).toEqual({ ok: true });
    // LINE marks the newest and every message before it read: the shopper sees 已讀 on both.
    expect(product.line.inspect.readAt(second.lineMessageId)).not.toBeNull();
    const rows = await product.engine.read((tx) =>
      tx.select().from(chatMessages).where(eq(chatMessages.lineUserId, ming)),
    );
    expect(rows.every((row) => row.readAt !== null)).toBe(true);
    expect((await list(amy)).conversations[0]).toMatchObject({ unread: 0 });
    expect((await amy.send('POST', url)).json()).toEqual({ ok: true });
  });
});

describe('answering', () => {
  it('answers free with the fresh reply token, then by push under the requestId; the same requestId sends once', async () => {
    const { conversationId } = await shopperWrites(product, ming, '請問營業時間？');
    const amy = await signedIn(product.app, 'amy');
    const url = `/api/staff/chat/conversations/${conversationId}`;
    expect((await amy.get(url)).json()).toMatchObject({ reply: { token: 'fresh' }, push: { allowed: true } });
    const first = await amy.send('POST', `${url}/messages`, {
      text: '每天 11:00 到 21:00',
      requestId: randomUUID(),
    });
    expect(first.json()).toMatchObject({
      delivery: 'reply',
      message: { status: 'sent', direction: 'out', staff: { displayName: 'amy' } },
    });
    expect((await amy.get(url)).json()).toMatchObject({
      reply: { token: 'none' },
      conversation: { status: 'waiting', mode: 'staff' },
    });

    const requestId = randomUUID();
    const answers = await Promise.all(
      [1, 2, 3].map(() => amy.send('POST', `${url}/messages`, { text: '週一公休', requestId })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    const ids = new Set(answers.map((a) => a.json().message.id));
    expect(ids.size).toBe(1);
    const delivered = product.line.inspect.messagesTo(ming).filter((m) => m.message.text === '週一公休');
    expect(delivered).toMatchObject([{ via: 'push', retryKey: requestId }]);
    const again = await amy.send('POST', `${url}/messages`, { text: '週一公休', requestId });
    expect(again.json()).toMatchObject({ delivery: 'push', message: { status: 'sent' } });
    expect(product.line.inspect.messagesTo(ming).filter((m) => m.message.text === '週一公休')).toHaveLength(
      1,
    );
    const other = await amy.send('POST', `${url}/messages`, { text: '不同的話', requestId });
    expect(other.json()).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
  });

  it('quotes a message with its quoteToken and keeps the sent message’s own', async () => {
    const written = await shopperWrites(product, ming, '這個還有貨嗎');
    const amy = await signedIn(product.app, 'amy');
    const answer = await amy.send(
      'POST',
      `/api/staff/chat/conversations/${written.conversationId}/messages`,
      {
        text: '有的',
        quoteMessageId: written.messageId,
        requestId: randomUUID(),
      },
    );
    expect(answer.json()).toMatchObject({
      message: { quoted: { id: written.messageId, text: '這個還有貨嗎' } },
    });
    const [sent] = product.line.inspect.messagesTo(ming).filter((m) => m.message.text === '有的');
    expect(sent!.message.quoteToken).toEqual(expect.any(String));
    const [row] = await product.engine.read((tx) =>
      tx.select().from(chatMessages).where(eq(chatMessages.text, '有的')),
    );
    expect(row).toMatchObject({ lineMessageId: sent!.sentMessageId, quoteToken: expect.any(String) });
  });

  it('pushes to a shopper who blocked the account only within 7 days of their last message', async () => {
    const { conversationId } = await shopperWrites(product, ming, '還有問題');
    const { recordUnfollow } = await import('../../domain/friends.ts');
    await product.line.shoppers.block(ming);
    await recordUnfollow(product.engine, ming, clock.now());
    clock.advance(60_000);
    const amy = await signedIn(product.app, 'amy');
    const url = `/api/staff/chat/conversations/${conversationId}`;
    const view = (await amy.get(url)).json();
    expect(view.push.allowed).toBe(true);
    expect(Date.parse(view.push.until)).toBe(Date.parse(view.messages[0].sentAt) + 7 * 86_400_000);
    const within = await amy.send('POST', `${url}/messages`, { text: '好的', requestId: randomUUID() });
    expect(within.json()).toMatchObject({ delivery: 'push', message: { status: 'sent' } });
    clock.advance(7 * 86_400_000);
    const later = await signedIn(product.app, 'amy');
    expect((await later.get(url)).json()).toMatchObject({ push: { allowed: false } });
    const after = await later.send('POST', `${url}/messages`, { text: '還在嗎', requestId: randomUUID() });
    expect([after.statusCode, after.json().code]).toEqual([409, 'CHAT_UNREACHABLE']);
  });

  it('starts LINE’s loading animation at most once in 10 seconds per conversation', async () => {
    const { conversationId } = await shopperWrites(product, ming, '在嗎');
    const [amy, ada] = [await signedIn(product.app, 'amy'), await signedIn(product.app, 'ada')];
    const url = `/api/staff/chat/conversations/${conversationId}/typing`;
    const answers = await Promise.all([amy, ada, amy].map((who) => who.send('POST', url)));
    expect(answers.map((a) => a.statusCode)).toEqual([202, 202, 202]);
    expect(product.line.inspect.loadingAnimations()).toMatchObject([{ chatId: ming, loadingSeconds: 20 }]);
    clock.advance(9_000);
    await amy.send('POST', url);
    expect(product.line.inspect.loadingAnimations()).toHaveLength(1);
    clock.advance(1_000);
    await amy.send('POST', url);
    expect(product.line.inspect.loadingAnimations()).toHaveLength(2);
  });
});
