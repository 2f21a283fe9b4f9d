import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Engine, openEngine, type TestEngine } from '../../../db/engine.ts';
import { openTestEngine } from '../../../db/test-engine.ts';
import type { App } from '../../app.ts';
import { joinMembership } from '../../domain/members.ts';
import { friendOf, shopperWrites, startChatProduct } from '../../testing/chat.ts';
import { startProduct } from '../../testing/harness.ts';
import { addStore, joinForm } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

type Product = Awaited<ReturnType<typeof startChatProduct>>;
let engine: TestEngine;
let a: Product;
let ming: string;
let mei: string;
const streams: AbortController[] = [];

beforeEach(async () => {
  engine = await openTestEngine();
  a = await startChatProduct({ engine });
  const storeA = (await addStore(engine, 'TPE01', '台北信義店')).id;
  const storeB = (await addStore(engine, 'KHH01', '高雄巨蛋店')).id;
  await addStaff(engine, 'amy', 'clerk', [storeA]);
  await addStaff(engine, 'bob', 'clerk', [storeB]);
  ming = await friendOf(a, '王小明');
  mei = await friendOf(a, '陳美玲');
  await joinMembership(engine, ming, joinForm(storeA, { phone: '0912345678' }), new Date());
  await joinMembership(engine, mei, joinForm(storeB, { phone: '0922333444' }), new Date());
});
afterEach(async () => {
  for (const stream of streams.splice(0)) stream.abort();
  await a.close();
  await engine.close();
});

/** A console's EventSource: the events it received so far, parsed. */
async function listen(app: App, username: string) {
  const { cookie } = await signedIn(app, username);
  const controller = new AbortController();
  streams.push(controller);
  const address = app.server.address() as { port: number };
  const response = await fetch(`http://127.0.0.1:${address.port}/api/staff/chat/events`, {
    headers: { cookie: `staff_session=${cookie.value}` },
    signal: controller.signal,
  });
  expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const events: { event: string; data: { id?: number; lineUserId?: string; conversationId?: number } }[] = [];
  void (async () => {
    let buffer = '';
    const decoder = new TextDecoder();
    try {
      for await (const chunk of response.body!) {
        buffer += decoder.decode(chunk, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
        }
      }
    } catch {}
  })();
  return events;
}

const rowsFor = (events: Awaited<ReturnType<typeof listen>>) =>
  events.filter((e) => e.event === 'conversation').map((e) => e.data.lineUserId);

describe('the inbox’s live events', () => {
  it('send each console the conversations and messages its session may see, as they change', async () => {
    const [amy, bob] = [await listen(a.app, 'amy'), await listen(a.app, 'bob')];
    const written = await shopperWrites(a, ming, '請問營業時間？');
    await shopperWrites(a, mei, '點數');
    await vi.waitFor(() => expect(rowsFor(amy)).toContain(ming), { timeout: 5_000, interval: 10 });
    await vi.waitFor(() => expect(rowsFor(bob)).toContain(mei), { timeout: 5_000, interval: 10 });
    expect(amy.find((e) => e.event === 'message')?.data).toMatchObject({
      conversationId: written.conversationId,
    });
    // The answer, first pending then sent, reaches amy too; nothing of ming's ever reaches bob.
    const clerk = await signedIn(a.app, 'amy');
    const url = `/api/staff/chat/conversations/${written.conversationId}/messages`;
    const answer = (await clerk.send('POST', url, { text: '11:00 開門', requestId: randomUUID() })).json();
    await vi.waitFor(
      () =>
        expect(amy.filter((e) => e.event === 'message').map((e) => e.data)).toContainEqual(
          expect.objectContaining({
            message: expect.objectContaining({ id: answer.message.id, status: 'sent' }),
          }),
        ),
      { timeout: 5_000, interval: 10 },
    );
    expect(rowsFor(amy)).not.toContain(mei);
    expect(rowsFor(bob)).not.toContain(ming);
    expect(bob.filter((e) => e.data.conversationId === written.conversationId)).toEqual([]);
  });

  it('reach a console on one instance within a second of a message recorded by another', async () => {
    // PostgreSQL: a second instance with its own connections and its own LISTEN, as in production. SQLite runs
    // one process: the second app shares its engine.
    const other: Engine = engine.dialect === 'postgres' ? await openEngine({ url: engine.url }) : engine;
    const b = await startProduct({ engine: other });
    try {
      const amy = await listen(a.app, 'amy');
      const started = Date.now();
      await shopperWrites({ ...a, engine: other }, ming, '從另一台進來的訊息');
      await vi.waitFor(() => expect(rowsFor(amy)).toContain(ming), { timeout: 1_000, interval: 5 });
      expect(Date.now() - started).toBeLessThan(1_000);
    } finally {
      await b.close();
      if (other !== engine) await other.close();
    }
  });
});

describe('the inbox’s live events while a read is in flight', () => {
  it('still deliver a change committed after the read’s snapshot and before its end', async () => {
    // The second instance's engine: after the hub's read has taken its snapshot, ming writes again (committed and
    // signalled while that read is under way); the read in flight cannot see it, the next one must.
    let inFlight: (() => Promise<unknown>) | null = null;
    const reading = new Proxy(engine, {
      get(target, property) {
        if (property === 'read') {
          return async <T>(work: Parameters<Engine['read']>[0]) => {
            const result = (await target.read(work)) as T;
            const during = inFlight;
            inFlight = null;
            if (during) await during();
            return result;
          };
        }
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const b = await startProduct({ engine: reading });
    try {
      const amy = await listen(b.app, 'amy');
      let second: number | undefined;
      inFlight = async () => {
        second = (await shopperWrites(a, ming, '第二則：讀取時寫入')).messageId;
      };
      const first = await shopperWrites(a, ming, '第一則');
      const messages = () =>
        amy
          .filter((e) => e.event === 'message')
          .map((e) => (e.data as { message: { id: number } }).message.id);
      await vi.waitFor(() => expect(second).toBeDefined(), { timeout: 5_000, interval: 5 });
      await vi.waitFor(() => expect(messages()).toEqual(expect.arrayContaining([first.messageId, second!])), {
        timeout: 5_000,
        interval: 5,
      });
    } finally {
      await b.close();
    }
  });
});
