import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { auditLog, members } from '../../../db/schema.ts';
import { commandLine } from '../../domain/actor.ts';
import { addMembers, setSendingRules } from '../../domain/campaigns/fixture.ts';
import { campaignProgress } from '../../domain/campaigns/sending.ts';
import { createTemplate } from '../../domain/coupon-templates.ts';
import { couponFields } from '../../testing/coupon-issuing.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { runJourneysNow } from '../../testing/journeys.ts';
import { addStore } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

let product: Product;
beforeEach(async () => {
  product = await startProduct({ clock, app: { work: { pollMs: 50, leaseMs: 1_500 } } });
  await setSendingRules(product.engine, { holdoutPercent: 0 });
  await addStaff(product.engine, 'max', 'marketer');
  await addStaff(product.engine, 'sam', 'store_manager', [(await addStore(product.engine)).id]);
});
afterEach(() => product.close());

/** 10 December 2026, 10:00 in Taipei. */
const clock = { now: () => new Date('2026-12-10T02:00:00Z') };

describe('the journeys in the console', () => {
  it('lists the five journeys off until a marketer switches one on, audited; a store manager may not', async () => {
    const max = await signedIn(product.app, 'max');
    const list = await max.get('/api/staff/journeys');
    expect(list.statusCode).toBe(200);
    expect(list.json().map((j: { kind: string; enabled: boolean }) => [j.kind, j.enabled])).toEqual([
      ['welcome', false],
      ['birthday', false],
      ['points_expiring', false],
      ['win_back', false],
      ['tier_upgrade', false],
    ]);
    const bad = await max.send('PATCH', '/api/staff/journeys/welcome', { enabled: true, delayDays: 0 });
    expect(bad.json()).toMatchObject({ code: 'INVALID_FIELDS' });
    const unknown = await max.send('PATCH', '/api/staff/journeys/welcome', { enabled: true, extra: 1 });
    expect(unknown.statusCode).toBe(400);
    expect((await max.get('/api/staff/journeys/nope')).statusCode).toBe(404);
    const on = await max.send('PATCH', '/api/staff/journeys/welcome', { enabled: true, delayDays: 2 });
    expect(on.json()).toMatchObject({ kind: 'welcome', enabled: true, delayDays: 2 });
    const audits = await product.engine.read((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, 'journey.edit')),
    );
    expect(audits).toHaveLength(1);
    const sam = await signedIn(product.app, 'sam');
    expect((await sam.send('PATCH', '/api/staff/journeys/welcome', { enabled: false })).statusCode).toBe(403);
  });

  it('the birthday journey delivers its coupon card through LINE to members born this month, once', async () => {
    const shopper = product.line.shoppers.create({ language: 'zh-TW' });
    product.line.shoppers.get(shopper.userId).friendship = 'friend';
    const other = product.line.shoppers.create({ language: 'zh-TW' });
    product.line.shoppers.get(other.userId).friendship = 'friend';
    const [born, notBorn] = await addMembers(
      product.engine,
      [{ lineUserId: shopper.userId }, { lineUserId: other.userId }],
      clock.now(),
    );
    await product.engine.write(async (tx) => {
      await tx.update(members).set({ birthday: '1990-12-15' }).where(eq(members.id, born!));
      await tx.update(members).set({ birthday: '1990-11-15' }).where(eq(members.id, notBorn!));
    });
    const template = await createTemplate(product.engine, couponFields(), commandLine, clock.now());
    const max = await signedIn(product.app, 'max');
    const message = {
      kind: 'coupon',
      templateId: template.id,
      zh: { intro: '生日快樂' },
      en: { intro: 'Happy birthday' },
    };
    const on = await max.send('PATCH', '/api/staff/journeys/birthday', { enabled: true, message });
    expect(on.statusCode).toBe(200);

    const run = (await runJourneysNow(product.engine, clock)).find((r) => r.campaignId !== null);
    expect(run).toMatchObject({ kind: 'birthday', entered: 1 });
    await vi.waitFor(
      async () =>
        expect((await campaignProgress(product.engine, run!.campaignId!, clock.now())).status).toBe('sent'),
      { timeout: 30_000, interval: 50 },
    );
    const pushed = product.line.inspect.messages().filter((m) => m.via === 'multicast');
    // The intro line and the coupon card, in one multicast, to the member born this month only.
    expect([...new Set(pushed.map((m) => m.userId))]).toEqual([shopper.userId]);
    expect(JSON.stringify(pushed)).toContain('生日快樂');
    expect(JSON.stringify(pushed)).toContain(template.title);
    const again = await runJourneysNow(product.engine, clock);
    expect(again.filter((r) => r.kind === 'birthday' || r.campaignId !== null)).toEqual([]);

    const detail = await max.get('/api/staff/journeys/birthday');
    expect(detail.json().days).toMatchObject([
      { campaignId: run!.campaignId, entered: 1, recipients: 1, sent: 1 },
    ]);
    expect(product.line.violations).toEqual([]);
  });

  it('says when a journey runs next: within five minutes once switched on, else after midnight, sending after the quiet hours', async () => {
    await setSendingRules(product.engine, { holdoutPercent: 0, quietStart: '22:00', quietEnd: '09:00' });
    const max = await signedIn(product.app, 'max');
    const nextRun = async () => (await max.get('/api/staff/journeys/birthday')).json().journey.nextRun;
    // 10:00 in Taipei, nothing run today: the schedule's next look, outside the quiet hours.
    const soon = '2026-12-10T02:05:00.000Z';
    expect(await nextRun()).toEqual({ ranToday: false, by: soon, sendsFrom: soon });
    // Off, the day's run lets go: switched on, today's pass is still due at the next look.
    await runJourneysNow(product.engine, clock);
    const on = await max.send('PATCH', '/api/staff/journeys/birthday', { enabled: true });
    expect(on.json().nextRun).toEqual({ ranToday: false, by: soon, sendsFrom: soon });
    // Today's pass done: tomorrow's first look, 00:05 in Taipei; its messages wait for the quiet hours' end.
    await runJourneysNow(product.engine, clock);
    expect(await nextRun()).toEqual({
      ranToday: true,
      by: '2026-12-10T16:05:00.000Z',
      sendsFrom: '2026-12-11T01:00:00.000Z',
    });
    const list = (await max.get('/api/staff/journeys')).json() as { kind: string; nextRun: unknown }[];
    expect(list.find((j) => j.kind === 'welcome')?.nextRun).toEqual({
      ranToday: false,
      by: soon,
      sendsFrom: soon,
    });
  });
});
