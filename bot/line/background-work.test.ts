import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { memberNotices, webhookEvents } from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { claimJobRun, settleJobRun } from '../domain/job-runs.ts';
import { joinMembership } from '../domain/members.ts';
import { queueNotice } from '../domain/notices.ts';
import { claimWebhookEvents, recordWebhookEvents } from '../domain/webhook-inbox.ts';
import { lineUserId, unfollowEvent } from '../testing/events.ts';
import { type Product, startProduct } from '../testing/harness.ts';
import { addStore, joinForm } from '../testing/members.ts';
import { addStaff, signedIn } from '../testing/staff.ts';

// Background work as several instances share it (ADR 15): claimed with a lease, a shopper's events in order and
// shoppers side by side, LINE calls that time out, and LINE's two kinds of 429.
let product: Product | undefined;
afterEach(async () => {
  await product?.close();
  product = undefined;
});

const replies = (p: Product, userId: string) => p.line.inspect.messagesTo(userId).map((m) => m.via);

describe('webhook events', () => {
  it('go on for other shoppers while one waits for LINE, and stay in order for that one', async () => {
    product = await startProduct();
    const p = product;
    const slow = p.line.shoppers.create({ displayName: '慢', language: 'zh-TW' }).userId;
    const other = p.line.shoppers.create({ displayName: '快', language: 'zh-TW' }).userId;
    await p.line.shoppers.follow(other);
    await p.app.events.idle();

    // LINE answers the slow shopper's profile only when the test says so.
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    const getProfile = p.app.line.messaging.getProfile.bind(p.app.line.messaging);
    p.app.line.messaging.getProfile = async (userId: string) => {
      if (userId === slow) await answered;
      return getProfile(userId);
    };
    await p.line.shoppers.follow(slow);
    await p.line.shoppers.sendText(slow, '點數');
    await p.line.shoppers.sendText(other, '點數');

    await vi.waitFor(() => expect(replies(p, other)).toEqual(['reply', 'reply']), { timeout: 30_000 });
    expect(replies(p, slow)).toEqual([]); // its follow waits for LINE, and its message waits for its follow
    answer();
    await p.app.events.idle();
    const [greeting, points] = p.line.inspect.messagesTo(slow);
    expect(greeting?.via).toBe('reply');
    expect(JSON.stringify(greeting)).toContain('慢');
    expect(points?.via).toBe('reply');
  });

  it('give up on a LINE call that does not answer in time, and go on without it', async () => {
    product = await startProduct({ lineTimeoutMs: 200 });
    const p = product;
    const shopper = p.line.shoppers.create({ displayName: '等', language: 'zh-TW' }).userId;
    p.line.setFaults({ getProfile: { latencyMs: 2_000 } });
    await p.line.shoppers.follow(shopper);
    await p.app.events.idle();
    expect(replies(p, shopper)).toEqual(['reply']); // greeted, without the name LINE did not give in time
    const [event] = await p.engine.read((tx) => tx.select().from(webhookEvents));
    expect(event).toMatchObject({ status: 'done', claimedBy: null });
  });

  it('that a dead instance claimed are taken over once its lease has run out, not before', async () => {
    let now = new Date('2026-11-29T02:00:00Z');
    const engine = await openTestEngine();
    await recordWebhookEvents(engine, [unfollowEvent(lineUserId(), now.getTime())], now);
    const claim = { worker: 'an instance that died', limit: 10, now, leaseMs: 60_000 };
    expect(await claimWebhookEvents(engine, claim)).toHaveLength(1);
    product = await startProduct({ engine, clock: { now: () => now } });
    const p = product;
    onTestFinished(() => engine.close());

    p.app.events.wake();
    await p.app.events.idle();
    const [held] = await p.engine.read((tx) => tx.select().from(webhookEvents));
    expect(held).toMatchObject({ status: 'pending', claimedBy: 'an instance that died' });

    now = new Date(now.getTime() + 60_001);
    p.app.events.wake();
    await p.app.events.idle();
    const [taken] = await p.engine.read((tx) => tx.select().from(webhookEvents));
    expect(taken).toMatchObject({ status: 'done', claimedBy: null, attempts: 1 });
  });
});

describe('a job run', () => {
  it('is claimed by one instance of many asking at once, and never again once finished', async () => {
    product = await startProduct();
    const { engine } = product;
    const now = new Date('2026-11-29T16:30:00Z');
    const run = { name: 'daily_points', runKey: '2026-11-30', now, leaseMs: 60_000 };
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) => claimJobRun(engine, { ...run, worker: `instance ${i}` })),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const holder = `instance ${claims.indexOf(true)}`;
    expect(await claimJobRun(engine, { ...run, worker: holder })).toBe(true); // its own lease, renewed
    const later = new Date(now.getTime() + 60_001);
    await settleJobRun(engine, { ...run, worker: holder, now }, { finished: true, result: { expired: 0 } });
    expect(await claimJobRun(engine, { ...run, now: later, worker: 'another' })).toBe(false);
  });

  it('that its instance left unfinished is taken over when the lease runs out', async () => {
    product = await startProduct();
    const { engine } = product;
    const now = new Date('2026-11-29T16:30:00Z');
    const run = { name: 'daily_points', runKey: '2026-11-30', leaseMs: 60_000 };
    expect(await claimJobRun(engine, { ...run, now, worker: 'died' })).toBe(true);
    expect(await claimJobRun(engine, { ...run, now: new Date(now.getTime() + 59_000), worker: 'b' })).toBe(
      false,
    );
    expect(await claimJobRun(engine, { ...run, now: new Date(now.getTime() + 60_001), worker: 'b' })).toBe(
      true,
    );
  });
});

describe('member notices', () => {
  async function queuedNotice(p: Product) {
    const store = await addStore(p.engine);
    const shopper = p.line.shoppers.create({ displayName: '會員', language: 'zh-TW' }).userId;
    await p.line.shoppers.follow(shopper);
    await p.app.events.idle();
    const member = await joinMembership(p.engine, shopper, joinForm(store.id), new Date());
    const data = {
      purchaseId: 1,
      storeName: '台北',
      paid: 100,
      discount: 0,
      earned: 2,
      redeemed: 0,
      balance: 2,
      at: new Date().toISOString(),
    };
    await p.engine.write((tx) =>
      queueNotice(tx, { memberId: member.id, kind: 'points_earned', purpose: 'p:1', data, at: new Date() }),
    );
    return shopper;
  }
  const notice = async (p: Product) => (await p.engine.read((tx) => tx.select().from(memberNotices)))[0]!;

  it('are tried again after LINE’s rate limit, under the same retry key', async () => {
    product = await startProduct({ app: { work: { pollMs: 20 } } });
    const p = product;
    const shopper = await queuedNotice(p);
    p.line.setFaults({ pushMessage: { rateLimitRate: 1 } });
    p.app.notices.wake();
    await vi.waitFor(async () => expect((await notice(p)).attempts).toBeGreaterThanOrEqual(1), {
      timeout: 30_000,
    });
    expect((await notice(p)).status).toBe('pending');
    p.line.setFaults({});
    // The first retry waits 5 s by default; the test brings it forward.
    await p.engine.write((tx) =>
      tx.update(memberNotices).set({ retryAt: new Date() }).where(eq(memberNotices.id, 1)),
    );
    await vi.waitFor(async () => expect((await notice(p)).status).toBe('sent'), { timeout: 30_000 });
    expect(p.line.inspect.messagesTo(shopper).filter((m) => m.via === 'push')).toHaveLength(1);
  });

  it('over LINE’s monthly quota are recorded as such, not tried again', async () => {
    product = await startProduct({ standIn: { limits: { monthlyQuota: 0 } } });
    const p = product;
    await queuedNotice(p);
    p.app.notices.wake();
    await p.app.notices.idle();
    expect(await notice(p)).toMatchObject({ status: 'over_quota', attempts: 1 });
    expect((await notice(p)).lastError).toContain('monthly limit');
    // The console warns admins and marketers of it.
    await addStaff(p.engine, 'boss', 'admin');
    await addStaff(p.engine, 'amy', 'clerk', [(await addStore(p.engine, 'TXG01')).id]);
    const boss = await signedIn(p.app, 'boss');
    expect((await boss.get('/api/staff/line-delivery')).json()).toEqual({ overQuota: 1 });
    const amy = await signedIn(p.app, 'amy');
    expect((await amy.get('/api/staff/line-delivery')).statusCode).toBe(403);
  });
});
