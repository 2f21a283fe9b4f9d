import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TestEngine } from '../db/engine.ts';
import { chatMessages, memberNotices, members, pointLots, pointsLedger, purchases } from '../db/schema.ts';
import { openTestEngine } from '../db/test-engine.ts';
import { type LineStandIn, startLineStandIn } from '../line-stand-in/index.ts';
import { startWebhookReceiver } from '../line-stand-in/test-kit.ts';
import { cardCode } from './domain/member-card.ts';
import { joinMembership, type Member } from './domain/members.ts';
import { earnPoints } from './domain/points-earning.ts';
import { addStore, joinForm } from './testing/members.ts';
import { type ServerProcess, startServerProcess } from './testing/server-process.ts';
import { addStaff, STAFF_PASSWORD } from './testing/staff.ts';

// Two instances of the server, each in a process of its own as `npm start` runs it, on one database (PostgreSQL
// in the suite's PostgreSQL run) and one LINE stand-in: what a brand running several instances relies on.
const LOGIN_CHANNEL_ID = '1657000001';
const LEASE_SECONDS = 2;
let engine: TestEngine;
let line: LineStandIn;
let a: ServerProcess;
let b: ServerProcess;
let member: Member;
let shopper: string;
const channelSecret = randomBytes(16).toString('hex');
const channelAccessToken = randomBytes(24).toString('base64url');

beforeAll(async () => {
  engine = await openTestEngine();
  line = await startLineStandIn({ channelSecret, channelAccessToken, loginChannelId: LOGIN_CHANNEL_ID });
  const env = {
    ...engine.env,
    PORT: '0',
    LOG_LEVEL: 'warn',
    LINE_CHANNEL_SECRET: channelSecret,
    LINE_CHANNEL_ACCESS_TOKEN: channelAccessToken,
    LINE_LOGIN_CHANNEL_ID: LOGIN_CHANNEL_ID,
    LIFF_ID: `${LOGIN_CHANNEL_ID}-AbCdEfGh`,
    LINE_API_BASE_URL: line.urls.api,
    LINE_DATA_API_BASE_URL: line.urls.data,
    WORK_LEASE_SECONDS: String(LEASE_SECONDS),
  };
  [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  const store = await addStore(engine, 'TPE01', '台北信義店');
  await addStaff(engine, 'amy', 'clerk', [store.id]);
  shopper = line.shoppers.create({ displayName: '王小明', language: 'zh-TW' }).userId;
  line.setWebhookUrl(`${b.url}/webhook`);
  await line.shoppers.follow(shopper);
  member = await joinMembership(engine, shopper, joinForm(store.id), new Date());
  await earnPoints(engine, {
    ...{ memberId: member.id, points: 1_000, amount: 50_000, storeId: store.id, channel: 'store' },
    ...{ reference: 'R-0', idempotencyKey: 'opening-points', at: new Date() },
  });
}, 60_000);

afterAll(async () => {
  for (const server of [a, b]) server?.child.kill('SIGKILL');
  await line?.close();
  await engine?.close();
});

/** A clerk signed in at one instance: the cookie and the CSRF token, as the clerk page sends them. */
async function clerkAt(server: ServerProcess) {
  const response = await fetch(`${server.url}/api/staff/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'amy', password: STAFF_PASSWORD }),
  });
  expect(response.status).toBe(200);
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('staff_session='))!
    .split(';')[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const post = (path: string, body: object) =>
    fetch(`${server.url}/api/staff${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));
  return {
    /** The member's card scanned at this instance: the token one purchase pays with. */
    lookUp: async () => {
      const { status, body } = await post('/members/lookup', { code: cardCode(member, new Date()) });
      expect(status).toBe(200);
      return (body.lookup as { token: string }).token;
    },
    buy: (body: object) => post('/purchases', body),
  };
}

const all = () =>
  engine.read(async (tx) => ({
    member: (await tx.select().from(members).where(eq(members.id, member.id)))[0]!,
    ledger: await tx.select().from(pointsLedger).where(eq(pointsLedger.memberId, member.id)),
    lots: await tx.select().from(pointLots).where(eq(pointLots.memberId, member.id)),
    purchases: await tx.select().from(purchases).where(eq(purchases.memberId, member.id)),
    notices: await tx.select().from(memberNotices).where(eq(memberNotices.memberId, member.id)),
  }));
const pushes = () => line.inspect.messagesTo(shopper).filter((m) => m.via === 'push');

describe('two instances on one database', () => {
  it('record 200 purchases for one member at once exactly once each, the balance whole and never negative', async () => {
    const [atA, atB] = await Promise.all([clerkAt(a), clerkAt(b)]);
    // Each purchase is one scan of the card (at either instance) and pays with that scan's token.
    const tokens = await Promise.all(Array.from({ length: 200 }, (_, i) => (i % 2 ? atB : atA).lookUp()));
    const requests = Array.from({ length: 200 }, (_, i) => ({
      lookupToken: tokens[i],
      price: i % 4 === 0 ? 1_000 : 300 + i,
      // A quarter pay with points: more than the member has, all told, so some must be refused.
      redeemPoints: i % 4 === 0 ? 200 : 0,
      reference: `R-${i}`,
      idempotencyKey: randomUUID(),
    }));
    // Each purchase goes to one instance, and a tenth of them again to the other at the same time.
    const answers = await Promise.all(
      requests.flatMap((request, i) =>
        [atA, atB, atB, atA]
          .slice(i % 2 === 0 ? 0 : 2, i % 10 === 0 ? (i % 2 === 0 ? 2 : 4) : i % 2 === 0 ? 1 : 3)
          .map(async (at) => ({ key: request.idempotencyKey, ...(await at.buy(request)) })),
      ),
    );
    const refused = answers.filter((answer) => answer.status !== 200);
    expect(
      refused.map((answer) => answer.body.code).filter((code) => code !== 'POINTS_INSUFFICIENT'),
    ).toEqual([]);
    expect(refused.length).toBeGreaterThan(0);

    const stored = await all();
    const storedIds = new Map(stored.purchases.map((p) => [p.idempotencyKey, p.id]));
    const accepted = answers.filter((answer) => answer.status === 200);
    // Every purchase answered is stored once, under the ID it was answered with, and nothing else is.
    expect(new Set(storedIds.keys())).toEqual(new Set(accepted.map((answer) => answer.key)));
    for (const answer of accepted) {
      expect((answer.body.purchase as { id: number }).id).toBe(storedIds.get(answer.key));
    }
    const ledgerSum = stored.ledger.reduce((sum, entry) => sum + entry.points, 0);
    const lotsSum = stored.lots.reduce((sum, lot) => sum + lot.remaining, 0);
    expect(stored.member.pointsBalance).toBe(ledgerSum);
    expect(stored.member.pointsBalance).toBe(lotsSum);
    expect(Math.min(...stored.ledger.map((entry) => entry.balanceAfter))).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('give one webhook event delivered to both at once one effect', async () => {
    // LINE's own delivery of a message, caught on its way, then delivered to both instances at once.
    const receiver = await startWebhookReceiver();
    line.setWebhookUrl(receiver.url);
    await line.shoppers.sendText(shopper, '點數');
    await receiver.close();
    line.setWebhookUrl(`${b.url}/webhook`);
    const [{ raw, headers }] = receiver.received as [(typeof receiver.received)[0]];
    const delivery = {
      'content-type': 'application/json',
      'x-line-signature': String(headers['x-line-signature']),
    };
    const repliesBefore = line.inspect.messagesTo(shopper).filter((m) => m.via === 'reply').length;
    const statuses = await Promise.all(
      [a, b, a, b].map((server) =>
        fetch(`${server.url}/webhook`, { method: 'POST', headers: delivery, body: raw }).then(
          (r) => r.status,
        ),
      ),
    );
    expect(statuses).toEqual([200, 200, 200, 200]);
    const eventId = (JSON.parse(raw) as { events: { webhookEventId: string }[] }).events[0]!.webhookEventId;
    const replies = () => line.inspect.messagesTo(shopper).filter((m) => m.via === 'reply');
    await vi.waitFor(() => expect(replies()).toHaveLength(repliesBefore + 1), { timeout: 20_000 });
    const stored = await engine.read((tx) =>
      tx.select().from(chatMessages).where(eq(chatMessages.webhookEventId, eventId)),
    );
    expect(stored).toHaveLength(1);
    expect(replies()).toHaveLength(repliesBefore + 1);
  }, 30_000);

  it('push every notice once, and finish a killed instance’s claims once its lease runs out', async () => {
    const unsent = async () => (await all()).notices.filter((n) => n.status !== 'sent');
    await vi.waitFor(async () => expect(await unsent()).toEqual([]), { timeout: 30_000, interval: 200 });
    // LINE is slow to take pushes, so that the instance about to die holds a claim when it does.
    line.setFaults({ pushMessage: { latencyMs: 1_500 } });
    const atA = await clerkAt(a);
    for (let i = 0; i < 3; i++) {
      const request = { lookupToken: await atA.lookUp(), price: 500, redeemPoints: 0, reference: `K-${i}` };
      expect((await atA.buy({ ...request, idempotencyKey: randomUUID() })).status).toBe(200);
    }
    const holder = async () => {
      const claimed = (await all()).notices.find((n) => n.claimedBy !== null);
      const server = [a, b].find((s) => claimed?.claimedBy?.includes(`:${s.child.pid}:`));
      if (!server) throw new Error('no notice is claimed yet');
      return server;
    };
    const dying = await vi.waitFor(holder, { timeout: 20_000, interval: 20 });
    dying.child.kill('SIGKILL');
    line.setFaults({});

    await vi.waitFor(
      async () => {
        const { notices } = await all();
        expect(notices.map((n) => n.status).filter((s) => s !== 'sent')).toEqual([]);
      },
      { timeout: 30_000, interval: 200 },
    );
    const { notices } = await all();
    expect(notices.every((n) => n.claimedBy === null)).toBe(true);
    // LINE took each notice once: one accepted push per notice, under its own retry key.
    const keys = pushes().map((m) => m.retryKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(notices.map((n) => n.retryKey).sort());
    const [row] = await engine.read((tx) =>
      tx.select({ count: sql<number>`count(*)`.mapWith(Number) }).from(memberNotices),
    );
    expect(row?.count).toBe(notices.length);
  }, 60_000);
});
