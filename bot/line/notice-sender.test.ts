import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { memberNotices } from '../../db/schema.ts';
import { setSendingRules } from '../domain/campaigns/fixture.ts';
import { remindExpiringCoupons } from '../domain/coupon-reminders.ts';
import { createTemplate } from '../domain/coupon-templates.ts';
import { issueCoupon } from '../domain/coupons.ts';
import { joinMembership, type Member } from '../domain/members.ts';
import { queueNotice } from '../domain/notices.ts';
import { couponFields } from '../testing/coupon-issuing.ts';
import { type Product, startProduct } from '../testing/harness.ts';
import { addStore, joinForm } from '../testing/members.ts';
import { createNoticeSender } from './notice-sender.ts';

let product: Product;
let storeId: number;

beforeEach(async () => {
  product = await startProduct();
  storeId = (await addStore(product.engine)).id;
  // No quiet hours, so that reminders go whatever the time the suite runs at; one test puts them back.
  await setSendingRules(product.engine);
  // Each test's own sender is the only one: the app's would otherwise race it for the reminders' lease.
  await product.app.notices.stop();
});
afterEach(() => product.close());

async function aMember(
  phone: string,
  language: 'zh-TW' | 'en' = 'zh-TW',
  marketingOptIn = false,
): Promise<[string, Member]> {
  const { userId } = product.line.shoppers.create({ displayName: '會員', language });
  await product.line.shoppers.follow(userId);
  await product.app.events.idle();
  const form = joinForm(storeId, { phone, marketingOptIn });
  return [userId, await joinMembership(product.engine, userId, form, new Date())];
}

const sender = (clock = product.app.clock) =>
  createNoticeSender(
    {
      engine: product.engine,
      worker: 'test-sender',
      line: product.app.line,
      clock,
      log: product.app.log,
      liffId: 'test',
      brandName: product.app.brand.name,
    },
    { retryDelaysMs: [10, 10, 10, 10] },
  );
const sent = (userId: string) => product.line.inspect.messagesTo(userId).filter((m) => m.via !== 'reply');
const notices = () => product.engine.read((tx) => tx.select().from(memberNotices));
const statuses = async () => (await notices()).map((n) => n.status);
const queue = (notice: Parameters<typeof queueNotice>[1]) =>
  product.engine.write((tx) => queueNotice(tx, notice));

describe('member notices', () => {
  it('are pushed once with their retry key, and stay pending through a LINE outage', async () => {
    const [userId, member] = await aMember('0911000001');
    const data = {
      purchaseId: 1,
      storeName: '台北信義店',
      paid: 1000,
      discount: 0,
      earned: 20,
      redeemed: 0,
      balance: 20,
      at: new Date().toISOString(),
    };
    await queue({ memberId: member.id, kind: 'points_earned', purpose: 'purchase:1', data, at: new Date() });
    await queue({ memberId: member.id, kind: 'points_earned', purpose: 'purchase:1', data, at: new Date() });

    product.line.setFaults({ pushMessage: { serverErrorRate: 1 } });
    const pushing = sender();
    pushing.wake();
    // LINE is down until the sender has tried at least once, however slow the machine.
    while (!(await notices()).some((n) => n.attempts > 0))
      await new Promise((resolve) => setImmediate(resolve));
    product.line.setFaults({});
    await pushing.idle();
    expect(sent(userId)).toHaveLength(1);
    const [notice] = await notices();
    expect(notice).toMatchObject({ status: 'sent' });
    expect(notice!.attempts).toBeGreaterThanOrEqual(2);
    expect(sent(userId)[0]).toMatchObject({ via: 'push', retryKey: notice!.retryKey });
  });

  it('send reminders for the same day in one multicast per language, and skip members who left', async () => {
    const [zh1, m1] = await aMember('0911000001');
    const [zh2, m2] = await aMember('0911000002');
    const [en, m3] = await aMember('0911000003', 'en');
    const [gone, m4] = await aMember('0911000004');
    await product.line.shoppers.block(gone);
    await product.app.events.idle();
    const expiresAt = '2026-12-31T16:00:00.000Z';
    for (const m of [m1, m2, m3, m4]) {
      const purpose = `expiring:${m.id}`;
      await queue({ memberId: m.id, kind: 'points_expiring', purpose, data: { expiresAt }, at: new Date() });
    }
    const pushing = sender();
    pushing.wake();
    await pushing.idle();
    expect([...sent(zh1), ...sent(zh2), ...sent(en)].map((m) => m.via)).toEqual([
      'multicast',
      'multicast',
      'multicast',
    ]);
    expect(sent(zh1)[0]!.retryKey).toBe(sent(zh2)[0]!.retryKey);
    expect(sent(en)[0]!.retryKey).not.toBe(sent(zh1)[0]!.retryKey);
    expect(JSON.stringify(sent(en)[0])).toContain('expire');
    expect(sent(gone)).toEqual([]);
    expect((await statuses()).sort()).toEqual(['sent', 'sent', 'sent', 'skipped']);
    const [skipped] = await product.engine.read((tx) =>
      tx.select().from(memberNotices).where(eq(memberNotices.memberId, m4.id)),
    );
    expect(skipped?.status).toBe('skipped');
  });

  it('tell each opted-in member of their own coupons expiring, and no one else', async () => {
    const now = new Date();
    const [first, m1] = await aMember('0911000001', 'zh-TW', true);
    const [second, m2] = await aMember('0911000002', 'en', true);
    const [notAsked, m3] = await aMember('0911000003');
    const operator = { staffId: null, storeId: null, ip: null, may: 'everything' as const };
    const fields = couponFields({
      validDays: 1,
      claimable: false,
      title: '明天到期券',
      titleEn: 'Ends tomorrow',
    });
    const template = await createTemplate(product.engine, fields, operator, now);
    const other = await createTemplate(
      product.engine,
      { ...fields, title: '另一張', titleEn: 'Another' },
      operator,
      now,
    );
    let key = 0;
    const give = (templateId: number, memberId: number) =>
      issueCoupon(
        product.engine,
        { templateId, memberId, how: 'claim', idempotencyKey: `key-${++key}`, at: now },
        operator,
      );
    for (const m of [m1, m2, m3]) await give(template.id, m.id);
    await give(other.id, m1.id);
    expect(await remindExpiringCoupons(product.engine, now)).toEqual({
      membersReminded: 2,
      couponsReminded: 3,
    });

    const pushing = sender();
    pushing.wake();
    await pushing.idle();
    const [toFirst, ...moreToFirst] = sent(first);
    expect(moreToFirst).toEqual([]);
    // Reminders go as points reminders do: by multicast, each batch with its own retry key.
    expect([toFirst!.via, sent(second)[0]!.via]).toEqual(['multicast', 'multicast']);
    expect(JSON.stringify(toFirst!.message)).toContain('您有 2 張優惠券即將到期');
    expect(JSON.stringify(toFirst!.message)).toContain('另一張');
    expect(sent(second)).toHaveLength(1);
    expect(JSON.stringify(sent(second)[0]!.message)).toContain('Ends tomorrow');
    expect(sent(notAsked)).toEqual([]);
    expect(await statuses()).toEqual(['sent', 'sent']);
  });

  it('wait for the end of the brand’s quiet hours, though the daily job queues them at 00:30', async () => {
    await setSendingRules(product.engine, { quietStart: '22:00', quietEnd: '09:00' });
    const [userId, member] = await aMember('0911000001');
    const expiresAt = '2026-12-31T16:00:00.000Z';
    await queue({
      memberId: member.id,
      kind: 'points_expiring',
      purpose: 'expiring',
      data: { expiresAt },
      at: new Date(),
    });
    // 00:40 in Taipei: the job has just run.
    let now = new Date('2026-12-01T16:40:00.000Z');
    const pushing = sender({ now: () => now });
    pushing.wake();
    await pushing.idle();
    expect(sent(userId)).toEqual([]);
    expect(await statuses()).toEqual(['pending']);
    // 09:00 in Taipei: they go.
    now = new Date('2026-12-02T01:00:00.000Z');
    pushing.wake();
    await pushing.idle();
    expect(sent(userId).map((m) => m.via)).toEqual(['multicast']);
    expect(await statuses()).toEqual(['sent']);
    await pushing.stop();
  });
});
