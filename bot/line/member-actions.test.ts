import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coupons } from '../../db/schema.ts';
import type { Actor } from '../domain/actor.ts';
import { createTemplate, type TemplateFields } from '../domain/coupon-templates.ts';
import { issueCoupon } from '../domain/coupons.ts';
import { findFriend, takeFreshReplyToken } from '../domain/friends.ts';
import { joinMembership } from '../domain/members.ts';
import { earnPoints } from '../domain/points-earning.ts';
import { couponFields } from '../testing/coupon-issuing.ts';
import { type Product, startProduct, TEST_LIFF_ID } from '../testing/harness.ts';
import { addStore, joinForm } from '../testing/members.ts';

// 20 November 2026 in Taipei: points earned in 2025 expire at the end of 2026, within the 90 days shown.
const now = new Date('2026-11-20T02:00:00Z');
const operator: Actor = { staffId: null, storeId: null, ip: null, may: 'everything' };
/** Coupons the member holds or is offered: not claimable unless a test says so. */
const couponsOf = (fields: Partial<TemplateFields> = {}) => couponFields({ claimable: false, ...fields });
let product: Product;
beforeEach(async () => {
  product = await startProduct({ clock: { now: () => now } });
});
afterEach(() => product.close());

async function aFriend(language: 'zh-TW' | 'en' = 'zh-TW') {
  const shopper = product.line.shoppers.create({ displayName: '王小明', language });
  await product.line.shoppers.follow(shopper.userId);
  await product.app.events.idle();
  return shopper.userId;
}

async function makeMember(lineUserId: string) {
  const store = await addStore(product.engine);
  const member = await joinMembership(product.engine, lineUserId, joinForm(store.id), now);
  const earn = (points: number, at: string) =>
    earnPoints(product.engine, {
      memberId: member.id,
      points,
      amount: points * 10,
      storeId: null,
      channel: 'store',
      reference: null,
      idempotencyKey: `earn-${at}`,
      at: new Date(at),
    });
  await earn(200, '2025-06-01T04:00:00Z');
  await earn(1_050, '2026-10-01T04:00:00Z');
  return member;
}

/**
 * The shopper's first free text during hours (10:00 in Taipei) gets the chat's "we will reply soon" text; later
 * ones are left unanswered until staff answer (bot/domain/chat/rules.ts).
 */
async function toldSoon(userId: string) {
  await product.line.shoppers.sendText(userId, '你好');
  await product.app.events.idle();
}

/** What the account sent after the follow greeting. */
const answersTo = (userId: string) => product.line.inspect.messagesTo(userId).slice(1);
const textOf = (message: unknown) => JSON.stringify(message);

describe('asking for points, the card or coupons in the chat', () => {
  it('answers a member who writes 點數 with the balance and what expires soon, as a free reply', async () => {
    const userId = await aFriend();
    await makeMember(userId);
    await product.line.shoppers.sendText(userId, ' 點數 ');
    await product.app.events.idle();

    const answers = answersTo(userId);
    expect(answers).toMatchObject([{ via: 'reply', message: { type: 'flex' } }]);
    const answer = textOf(answers[0]!.message);
    expect(answer).toContain('1,250 點');
    expect(answer).toContain('2026/12/31');
    expect(answer).toContain('200 點到期');
    expect(answer).toContain(`https://liff.line.me/${TEST_LIFF_ID}?page=card`);
    expect(product.line.inspect.quotaUsed()).toBe(0);
  });

  it('answers the member menu’s 點數 postback the same way', async () => {
    const userId = await aFriend();
    await makeMember(userId);
    await product.line.shoppers.postback(userId, 'action=show-points');
    await product.app.events.idle();
    expect(answersTo(userId)).toMatchObject([{ via: 'reply', message: { type: 'flex' } }]);
    expect(textOf(answersTo(userId)[0]!.message)).toContain('1,250 點');
  });

  it('shows the card and says there are no coupons yet, to the rich menu and to the words', async () => {
    const userId = await aFriend();
    await makeMember(userId);
    await product.line.shoppers.sendText(userId, '會員卡');
    await product.line.shoppers.postback(userId, 'action=show-card');
    await product.line.shoppers.sendText(userId, '優惠券');
    await product.line.shoppers.postback(userId, 'action=show-coupons');
    await product.app.events.idle();
    const [card, cardAgain, coupons, couponsAgain] = answersTo(userId).map((m) => textOf(m.message));
    // NT$10,500 spent in the last 12 months: the silver tier at once.
    expect(card).toContain('銀卡會員');
    expect(card).toContain('1,250');
    expect(cardAgain).toBe(card);
    expect(coupons).toContain('目前沒有可用的優惠券');
    expect(coupons).toContain(`https://liff.line.me/${TEST_LIFF_ID}?page=rewards`);
    expect(couponsAgain).toBe(coupons);
  });

  it('answers 優惠券 with a carousel of the usable coupons, soonest to expire first, then what can be claimed', async () => {
    const userId = await aFriend();
    const member = await makeMember(userId);
    const template = (fields: Partial<TemplateFields>) =>
      createTemplate(product.engine, couponsOf(fields), operator, now);
    const longer = await template({ title: '十天券', validDays: 10 });
    const shorter = await template({ title: '兩天券', validDays: 2 });
    const offered = await template({ title: '領取券', claimable: true });
    await template({ title: '別人的券' });
    let key = 0;
    const give = async (templateId: number) =>
      (
        await issueCoupon(
          product.engine,
          { templateId, memberId: member.id, how: 'claim', idempotencyKey: `give-${++key}`, at: now },
          operator,
        )
      ).coupon;
    const inTen = await give(longer.id);
    const inTwo = await give(shorter.id);
    const used = await give(shorter.id);
    await product.engine.write((tx) =>
      tx.update(coupons).set({ status: 'used' }).where(eq(coupons.id, used.id)),
    );

    await product.line.shoppers.sendText(userId, '優惠券');
    await product.line.shoppers.postback(userId, 'action=show-coupons');
    await product.line.shoppers.sendText(userId, '優惠卷');
    await product.app.events.idle();
    const [answer, again, misspelt] = answersTo(userId);
    expect(answer).toMatchObject({ via: 'reply', message: { type: 'flex', contents: { type: 'carousel' } } });
    expect(answer!.message).toMatchObject({ altText: '您有 2 張可用的優惠券。' });
    const said = textOf(answer!.message);
    const liff = `https://liff.line.me/${TEST_LIFF_ID}?page=coupons`;
    const places = [
      `${liff}&coupon=${inTwo.id}`,
      `${liff}&coupon=${inTen.id}`,
      `${liff}&claim=${offered.id}`,
    ].map((uri) => said.indexOf(uri));
    expect(places.every((at) => at >= 0)).toBe(true);
    expect(places).toEqual([...places].sort((a, b) => a - b));
    expect(said).not.toContain(`coupon=${used.id}"`);
    expect(said).not.toContain('別人的券');
    expect(said).toContain('會員中心');
    expect(textOf(again!.message)).toBe(said);
    expect(textOf(misspelt!.message)).toBe(said);
    expect(product.line.inspect.quotaUsed()).toBe(0);
  });

  it('answers coupons in English to a member whose LINE is in English', async () => {
    const userId = await aFriend('en');
    const member = await makeMember(userId);
    const template = await createTemplate(product.engine, couponsOf(), operator, now);
    await issueCoupon(
      product.engine,
      { templateId: template.id, memberId: member.id, how: 'claim', idempotencyKey: 'give-en-1', at: now },
      operator,
    );
    await product.line.shoppers.sendText(userId, 'Coupons');
    await product.app.events.idle();
    const said = textOf(answersTo(userId)[0]!.message);
    expect(said).toContain('You have 1 coupon to use.');
    expect(said).toContain('NT$50 off NT$300');
    expect(said).toContain('"View"');
  });

  it('answers in English to a shopper whose LINE is in English', async () => {
    const userId = await aFriend('en');
    await makeMember(userId);
    await product.line.shoppers.sendText(userId, 'Points');
    await product.app.events.idle();
    const answer = textOf(answersTo(userId)[0]!.message);
    expect(answer).toContain('1,250 points');
    expect(answer).toContain('Open my card');
  });

  it('invites a friend who is not a member to join, whatever they ask for', async () => {
    const userId = await aFriend();
    await product.line.shoppers.sendText(userId, '點數');
    await product.line.shoppers.postback(userId, 'action=show-coupons');
    await product.app.events.idle();
    const answers = answersTo(userId);
    expect(answers).toMatchObject([{ via: 'reply' }, { via: 'reply' }]);
    for (const answer of answers) {
      expect(textOf(answer.message)).toContain(`https://liff.line.me/${TEST_LIFF_ID}?page=join`);
    }
  });

  it('answers free text once with the soon text, then leaves other messages unanswered and keeps their reply token for a message owed soon', async () => {
    const userId = await aFriend();
    await toldSoon(userId);
    expect(answersTo(userId)).toMatchObject([{ via: 'reply', message: { type: 'text' } }]);
    const delivery = await product.line.shoppers.sendText(userId, '我想加入會員');
    await product.app.events.idle();
    expect(answersTo(userId)).toHaveLength(1);
    const friend = await product.engine.read((tx) => findFriend(tx, userId));
    expect(friend?.unusedReplyToken).toBe(delivery.events[0]!.replyToken);
  });

  it('welcomes a member who joins soon after writing with a free reply', async () => {
    const userId = await aFriend();
    await toldSoon(userId);
    await product.line.shoppers.sendText(userId, '我想加入會員');
    await product.app.events.idle();
    await product.app.memberships.joined(await makeMember(userId), product.app.log);
    expect(answersTo(userId).slice(1)).toMatchObject([{ via: 'reply', message: { type: 'flex' } }]);
  });

  it('pushes the welcome with a retry key, once, when LINE refuses the kept reply token', async () => {
    const userId = await aFriend();
    await toldSoon(userId);
    const delivery = await product.line.shoppers.sendText(userId, '我想加入會員');
    await product.app.events.idle();
    // The kept token is used meanwhile (LINE answers a used or expired token alike: 400 Invalid reply token).
    const replyToken = delivery.events[0]!.replyToken!;
    await product.app.line.messaging.replyMessage({ replyToken, messages: [{ type: 'text', text: '好的' }] });
    const member = await makeMember(userId);
    await product.app.memberships.joined(member, product.app.log);
    // A retry of the welcome (the member joins again from another tab) pushes with the same key: LINE keeps one.
    await product.app.memberships.joined(member, product.app.log);

    const welcomes = answersTo(userId).slice(2);
    expect(welcomes).toMatchObject([{ via: 'push', message: { type: 'flex' } }]);
    expect(welcomes[0]!.retryKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(product.line.inspect.quotaUsed()).toBe(1);
  });

  it('gives a kept reply token to one of the welcomes racing for it', async () => {
    const userId = await aFriend();
    await toldSoon(userId);
    await product.line.shoppers.sendText(userId, '我想加入會員');
    await product.app.events.idle();
    const taken = await Promise.all(
      Array.from({ length: 5 }, () => takeFreshReplyToken(product.engine, userId, now)),
    );
    expect(taken.filter((token) => token !== null)).toHaveLength(1);
  });
});
