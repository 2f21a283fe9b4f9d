import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../../db/engine.ts';
import { campaignBatches, campaignRecipients, campaigns } from '../../../db/schema.ts';
import { openTestEngine } from '../../../db/test-engine.ts';
import { addStore } from '../../testing/members.ts';
import { type Actor, commandLine } from '../actor.ts';
import { claimCoupon } from '../coupon-claims.ts';
import { createTemplate } from '../coupon-templates.ts';
import { DomainError } from '../errors.ts';
import { recordFollow, recordUnfollow } from '../friends.ts';
import { earnPoints } from '../points-earning.ts';
import { recordPurchase } from '../purchases.ts';
import { recordWebhookEvents } from '../webhook-inbox.ts';
import { clickToken, recordMemberClick } from './clicks.ts';
import { addCampaign, addMembers, now } from './fixture.ts';
import { campaignResults } from './results.ts';

let engine: Engine;
let store: number;
beforeEach(async () => {
  engine = await openTestEngine();
  store = (await addStore(engine)).id;
});
afterEach(() => engine.close());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(now.getTime() + ms);
let keys = 0;

/**
 * A coupon campaign started at `now` and sent an hour later to `sentTo` in one batch, `heldOut` held out: the
 * rows the freeze and the sender leave (the holdout chosen here rather than drawn, so the figures are exact).
 */
async function sentCampaign(sentTo: number[], heldOut: number[], templateId: number) {
  const id = await addCampaign(engine, {
    message: { kind: 'coupon', templateId, zh: { intro: '' }, en: { intro: '' } },
  });
  const lineUsers = await lineUsersOf([...sentTo, ...heldOut]);
  await engine.write(async (tx) => {
    await tx.insert(campaignRecipients).values(
      [
        ...sentTo.map((memberId) => ({ memberId, holdout: false, batchNo: 1 })),
        ...heldOut.map((memberId) => ({ memberId, holdout: true, batchNo: null })),
      ].map((row) => ({
        ...row,
        campaignId: id,
        lineUserId: lineUsers.get(row.memberId)!,
        language: 'zh-TW' as const,
      })),
    );
    await tx.insert(campaignBatches).values({
      ...{
        campaignId: id,
        batchNo: 1,
        language: 'zh-TW',
        size: sentTo.length,
        retryKey: crypto.randomUUID(),
      },
      ...{ status: 'sent', attempts: 1, sentAt: at(HOUR) },
    });
    await tx
      .update(campaigns)
      .set({
        ...{ status: 'sent', recipients: sentTo.length, heldOut: heldOut.length, sent: sentTo.length },
        ...{ startedAt: now, frozenAt: now, finishedAt: at(HOUR) },
      })
      .where(eq(campaigns.id, id));
  });
  return id;
}

const lineUsersOf = async (ids: number[]) => {
  const rows = await engine.read((tx) => tx.query.members.findMany());
  return new Map(rows.filter((m) => ids.includes(m.id)).map((m) => [m.id, m.lineUserId]));
};

const buy = (
  memberId: number,
  price: number,
  when: Date,
  channel: 'store' | 'online',
  couponCodes?: string[],
) =>
  recordPurchase(
    engine,
    {
      ...{ member: { id: memberId, proof: 'card' as const }, price, redeemPoints: 0, channel },
      ...{ couponCodes, reference: `R${++keys}`, idempotencyKey: `buy-${keys}`, at: when },
    },
    { ...commandLine, storeId: channel === 'store' ? store : null } as Actor,
  );

const claim = async (memberId: number, templateId: number, when: Date) => {
  const claimed = await claimCoupon(engine, {
    templateId,
    memberId,
    idempotencyKey: `claim-${++keys}`,
    at: when,
  });
  return claimed.coupon!;
};

const template = () =>
  createTemplate(
    engine,
    {
      ...{ kind: 'amount_off', amountOff: 100, minSpend: 500, validDays: 30, channels: ['store', 'online'] },
      ...{
        title: '滿五百折一百',
        titleEn: 'NT$100 off NT$500',
        terms: '每次限用一張。',
        termsEn: 'One a time.',
      },
      ...{ stackable: true, claimable: true },
    },
    commandLine,
    at(-DAY),
  );

describe('a campaign’s results', () => {
  it('counts reach, clicks, the coupons it brought, the uplift against the holdout and unfollows in 48 hours', async () => {
    const coupon = await template();
    const ids = await addMembers(
      engine,
      Array.from({ length: 10 }, () => ({})),
    );
    const [r1, r2, r3, r4, r5, r6, h1, h2, h3, h4] = ids as [number, ...number[]] as number[];
    const id = await sentCampaign([r1!, r2!, r3!, r4!, r5!, r6!], [h1!, h2!, h3!, h4!], coupon.id);
    const [campaign] = await engine.read((tx) => tx.select().from(campaigns));
    const token = clickToken(campaign!);
    const users = await lineUsersOf(ids);
    // A member the campaign never went to opens a forwarded message and claims through its link.
    const [forwarded] = await addMembers(engine, [{}], at(DAY));
    const forwardedUser = (await lineUsersOf([forwarded!])).get(forwarded!)!;

    // Clicks: r1 twice (one row), the forwarded member, and a LINE user who is no member (anonymous).
    await recordMemberClick(engine, token, users.get(r1!)!, at(HOUR + 20 * 60_000));
    await recordMemberClick(engine, token, users.get(r1!)!, at(2 * HOUR));
    await recordMemberClick(engine, token, `U${'0'.repeat(32)}`, at(DAY + HOUR));
    await recordMemberClick(engine, token, forwardedUser, at(2 * DAY + HOUR));

    // Claims: r1 (clicked, used it), r2 (not clicked), the forwarded member; h1's claim is not the campaign's.
    const r1Coupon = await claim(r1!, coupon.id, at(90 * 60_000));
    await claim(r2!, coupon.id, at(DAY + HOUR));
    await claim(forwarded!, coupon.id, at(2 * DAY + 2 * HOUR));
    await claim(h1!, coupon.id, at(DAY + 2 * HOUR));

    // Sales: recipients 1,000 (1,100 less the coupon) + 600 in store, 500 + 300 online; holdout 700 + 300 online.
    await buy(r1!, 1_100, at(2 * HOUR), 'store', [r1Coupon.code]);
    await buy(r2!, 600, at(DAY + 3 * HOUR), 'store');
    await buy(r1!, 500, at(3 * DAY + HOUR), 'online');
    await buy(r3!, 400, at(20 * DAY), 'store'); // after the 14 days
    await buy(r4!, 800, at(-DAY), 'store'); // before the start
    await buy(h1!, 700, at(2 * DAY + 3 * HOUR), 'store');
    await buy(h2!, 300, at(5 * DAY), 'online');
    // An order of the online shop, its points earned without a purchase at the counter (points-earning.ts).
    await earnPoints(engine, {
      ...{ memberId: r2!, points: 6, amount: 300, storeId: null, channel: 'online', reference: 'W-1' },
      ...{ idempotencyKey: 'web-order-1', at: at(4 * DAY) },
    });

    // Unfollows: r5 within 48 hours; r6 after; r3 within (the webhook's event) though followed again since;
    // h3 held out, not counted.
    await recordUnfollow(engine, users.get(r5!)!, at(10 * HOUR));
    await recordUnfollow(engine, users.get(r6!)!, at(60 * HOUR));
    const unfollowAt = at(20 * HOUR);
    await recordWebhookEvents(
      engine,
      [
        {
          webhookEventId: 'E1',
          type: 'unfollow',
          mode: 'active',
          timestamp: unfollowAt.getTime(),
          source: { userId: users.get(r3!)! },
        },
      ],
      unfollowAt,
    );
    await recordFollow(engine, users.get(r3!)!, null, at(21 * HOUR));
    await recordUnfollow(engine, users.get(h3!)!, at(10 * HOUR));

    const results = await campaignResults(engine, id, commandLine, at(30 * DAY));
    expect(results).toMatchObject({
      campaignId: id,
      days: 14,
      from: now.toISOString(),
      until: at(14 * DAY).toISOString(),
      ...{ recipients: 6, heldOut: 4, skipped: 0, delivered: 6, failed: 0 },
      clicks: { members: 2, total: 3 },
      coupons: { claimed: 3, redeemed: 1, throughLink: 2 },
      sales: {
        recipients: { members: 6, buyers: 2, inStore: 1_600, online: 800, total: 2_400, perMember: 400 },
        holdout: { members: 4, buyers: 2, inStore: 700, online: 300, total: 1_000, perMember: 250 },
        uplift: 150,
        upliftPercent: 60,
      },
      unfollows: 2,
    });
    expect(results.series).toHaveLength(14);
    expect(results.series.slice(0, 6)).toEqual([
      { day: 0, recipientsSpend: 1_000, holdoutSpend: 0, clicks: 1, claims: 1 },
      { day: 1, recipientsSpend: 600, holdoutSpend: 0, clicks: 1, claims: 1 },
      { day: 2, recipientsSpend: 0, holdoutSpend: 700, clicks: 1, claims: 1 },
      { day: 3, recipientsSpend: 500, holdoutSpend: 0, clicks: 0, claims: 0 },
      { day: 4, recipientsSpend: 300, holdoutSpend: 0, clicks: 0, claims: 0 },
      { day: 5, recipientsSpend: 0, holdoutSpend: 300, clicks: 0, claims: 0 },
    ]);

    // Three days: r1's online purchase (day 3) and h2's (day 5) fall outside; the chart has the days begun.
    const short = await campaignResults(engine, id, commandLine, at(DAY + HOUR), 3);
    expect(short.sales).toMatchObject({
      recipients: { total: 1_600, online: 0, perMember: 267 },
      holdout: { total: 700, perMember: 175 },
      uplift: 92,
      upliftPercent: 52.4,
    });
    expect(short.series.map((d) => d.day)).toEqual([0, 1]);
  });

  it('answers a campaign not yet started with its reach only, and refuses an unknown one', async () => {
    const id = await addCampaign(engine);
    expect(await campaignResults(engine, id, commandLine, now)).toMatchObject({
      from: null,
      recipients: 0,
      clicks: { members: 0, total: 0 },
      coupons: null,
      sales: { uplift: null, upliftPercent: null },
      unfollows: 0,
      series: [],
    });
    await expect(campaignResults(engine, 999, commandLine, now)).rejects.toThrow(DomainError);
  });
});

describe('a member’s click through the member app', () => {
  it('is recorded once for the member the LINE user holds, and a forged token records nothing', async () => {
    const [member] = await addMembers(engine, [{ lineUserId: `U${'a'.repeat(32)}` }]);
    const id = await addCampaign(engine, {
      message: {
        kind: 'announcement',
        imageUrl: null,
        buttonUrl: 'https://example.com/sale',
        zh: { title: '特賣', text: '九折', buttonLabel: '看看' },
        en: { title: 'Sale', text: '10% off', buttonLabel: 'See' },
      },
    });
    const [campaign] = await engine.read((tx) => tx.select().from(campaigns));
    const token = clickToken(campaign!);
    const user = `U${'a'.repeat(32)}`;
    expect(await recordMemberClick(engine, token, user, now)).toEqual({
      target: 'https://example.com/sale',
      recorded: true,
    });
    expect(await recordMemberClick(engine, token, user, at(HOUR))).toEqual({
      target: 'https://example.com/sale',
      recorded: false,
    });
    await expect(recordMemberClick(engine, `${id}.forgedforged`, user, now)).rejects.toMatchObject({
      code: 'CAMPAIGN_NOT_FOUND',
    });
    const clicks = await engine.read((tx) => tx.query.campaignClicks.findMany());
    expect(clicks).toMatchObject([{ campaignId: id, memberId: member, target: 'https://example.com/sale' }]);
  });
});
