import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLog, members, purchases, staff } from '../../../db/schema.ts';
import { cardCode } from '../../domain/member-card.ts';
import { LOOKUP_MINUTES } from '../../domain/member-lookups.ts';
import { joinMembership, type Member } from '../../domain/members.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore, joinForm } from '../../testing/members.ts';
import { addStaff, postSignIn, STAFF_PASSWORD, signedIn } from '../../testing/staff.ts';

let product: Product;
let tpe: number;
let member: Member;
/** The product's time, moved on by the tests that need a lookup to expire. */
const clock = { at: Date.now(), now: () => new Date(clock.at) };

beforeEach(async () => {
  clock.at = Date.now();
  product = await startProduct({ clock });
  tpe = (await addStore(product.engine, 'TPE01', '台北信義店')).id;
  const txg = (await addStore(product.engine, 'TXG01', '台中公益店')).id;
  await addStaff(product.engine, 'amy', 'clerk', [tpe]);
  await addStaff(product.engine, 'bob', 'clerk', [tpe]);
  await addStaff(product.engine, 'mia', 'store_manager', [tpe]);
  await addStaff(product.engine, 'tom', 'store_manager', [txg]);
  const shopper = product.line.shoppers.create({ displayName: '王小明', language: 'zh-TW' }).userId;
  await product.line.shoppers.follow(shopper);
  await product.app.events.idle();
  member = await joinMembership(product.engine, shopper, joinForm(tpe), clock.now());
});
afterEach(() => product.close());

type Client = Awaited<ReturnType<typeof signedIn>>;
const lookUp = async (who: Client, by: object = { phone: '0912345678' }) =>
  (await who.send('POST', '/api/staff/members/lookup', by)).json().lookup.token as string;
const byCard = () => ({ code: cardCode(member, clock.now()) });
const pay = (who: Client, lookupToken: string, price: number, redeemPoints = 0, key: string = randomUUID()) =>
  who.send('POST', '/api/staff/purchases', {
    lookupToken,
    price,
    redeemPoints,
    reference: 'A-0001',
    idempotencyKey: key,
  });
const approve = (who: Client, lookupToken: string, username: string, password = STAFF_PASSWORD) =>
  who.send('POST', '/api/staff/members/lookup/approval', { lookupToken, approval: { username, password } });
const balance = async () =>
  (await product.engine.read((tx) => tx.select().from(members).where(eq(members.id, member.id))))[0]!
    .pointsBalance;
/** Points to spend: 400, earned on a purchase found by phone. */
async function withPoints(amy: Client) {
  expect((await pay(amy, await lookUp(amy), 20_000)).statusCode).toBe(200);
}

describe('paying needs the member', () => {
  it('lets a phone lookup earn points but not spend them, in zh-TW, changing nothing', async () => {
    const amy = await signedIn(product.app, 'amy');
    await withPoints(amy);
    for (const by of [{ phone: '0912345678' }, { memberNumber: member.memberNumber }]) {
      const refused = await pay(amy, await lookUp(amy, by), 1_000, 100);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({
        code: 'REDEEM_NEEDS_CARD',
        message: '需要會員出示會員卡才能使用點數折抵',
      });
    }
    expect(await balance()).toBe(400);
    const paid = await pay(amy, await lookUp(amy, byCard()), 1_000, 100);
    expect(paid.json()).toMatchObject({ purchase: { paid: 900, pointsRedeemed: 100 }, balance: 321 });
  });

  it('pays once with a lookup: another purchase needs another lookup; a replay answers the first', async () => {
    const amy = await signedIn(product.app, 'amy');
    const token = await lookUp(amy);
    const first = await pay(amy, token, 1_000, 0, 'key-first');
    expect(first.statusCode).toBe(200);
    expect((await pay(amy, token, 1_000, 0, 'key-first')).json()).toMatchObject({ replayed: true });
    const again = await pay(amy, token, 500);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'LOOKUP_USED' });
    expect(await product.engine.read((tx) => tx.select().from(purchases))).toHaveLength(1);
  });

  it('refuses an unknown token, another clerk’s, and one past its minutes, asking to look the member up again', async () => {
    const amy = await signedIn(product.app, 'amy');
    const bob = await signedIn(product.app, 'bob');
    expect((await pay(amy, 'made-up-token', 1_000)).json()).toMatchObject({ code: 'LOOKUP_EXPIRED' });
    const token = await lookUp(amy);
    expect((await pay(bob, token, 1_000)).json()).toMatchObject({ code: 'LOOKUP_EXPIRED' });
    clock.at += LOOKUP_MINUTES * 60_000;
    const late = await pay(amy, token, 1_000);
    expect(late.statusCode).toBe(410);
    expect(late.json()).toMatchObject({ code: 'LOOKUP_EXPIRED' });
    expect(await balance()).toBe(0);
  });

  it('spends a lookup on one purchase when several arrive at once with other keys', async () => {
    const amy = await signedIn(product.app, 'amy');
    const token = await lookUp(amy);
    const answers = await Promise.all(Array.from({ length: 8 }, () => pay(amy, token, 1_000)));
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(1);
    expect(answers.filter((a) => a.json().code === 'LOOKUP_USED')).toHaveLength(7);
    expect(await balance()).toBe(20);
  });
});

describe('a store manager’s approval on the clerk’s device', () => {
  it('lets a member without their card pay with points this once, audited; only a manager of the store may', async () => {
    const amy = await signedIn(product.app, 'amy');
    await withPoints(amy);
    const token = await lookUp(amy);
    expect((await approve(amy, token, 'bob')).json()).toMatchObject({ code: 'APPROVER_NOT_ALLOWED' });
    expect((await approve(amy, token, 'tom')).json()).toMatchObject({ code: 'APPROVER_NOT_ALLOWED' });
    const wrong = await approve(amy, token, 'mia', 'not the password');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ code: 'APPROVAL_FAILED' });
    const approved = await approve(amy, token, 'MIA');
    expect(approved.json()).toMatchObject({ lookup: { proof: 'manager_approved' } });
    expect((await pay(amy, token, 1_000, 100)).json()).toMatchObject({ purchase: { pointsRedeemed: 100 } });
    const [entry] = await product.engine.read((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, 'counter.approve_member_without_card')),
    );
    const [mia, amyId] = [await staffId('mia'), await staffId('amy')];
    expect(entry).toMatchObject({ staffId: mia, storeId: tpe, subjectId: String(member.id) });
    expect(entry!.after).toMatchObject({ approvedBy: mia, clerkId: amyId });
  });

  it('counts wrong manager passwords against the manager’s sign-in lockout', async () => {
    const amy = await signedIn(product.app, 'amy');
    const token = await lookUp(amy);
    for (let i = 0; i < 5; i++) {
      expect((await approve(amy, token, 'mia', 'wrong password')).json()).toMatchObject({
        code: 'APPROVAL_FAILED',
      });
    }
    expect((await approve(amy, token, 'mia')).json()).toMatchObject({ code: 'APPROVER_LOCKED' });
    expect((await postSignIn(product.app, 'mia')).json()).toMatchObject({ code: 'ACCOUNT_LOCKED' });
  });

  it('lets a clerk void or refund with a manager’s approval, and records who approved', async () => {
    const amy = await signedIn(product.app, 'amy');
    const bought = async () => (await pay(amy, await lookUp(amy), 1_000)).json().purchase.id as number;
    const [first, second] = [await bought(), await bought()];
    const approval = { username: 'mia', password: STAFF_PASSWORD };
    const voided = await amy.send('POST', `/api/staff/purchases/${first}/void`, {
      idempotencyKey: randomUUID(),
      approval,
    });
    expect(voided.json()).toMatchObject({ purchase: { status: 'voided' } });
    const wrong = await amy.send('POST', `/api/staff/purchases/${second}/refund`, {
      amount: 300,
      idempotencyKey: randomUUID(),
      approval: { ...approval, password: 'wrong password' },
    });
    expect(wrong.json()).toMatchObject({ code: 'APPROVAL_FAILED' });
    const refunded = await amy.send('POST', `/api/staff/purchases/${second}/refund`, {
      amount: 300,
      idempotencyKey: randomUUID(),
      approval,
    });
    expect(refunded.json()).toMatchObject({ purchase: { status: 'partly_refunded', refundedAmount: 300 } });
    const mia = await staffId('mia');
    const reversals = await product.engine.read((tx) =>
      tx.select().from(auditLog).where(eq(auditLog.subjectType, 'purchase')),
    );
    const of = (action: string) => reversals.find((row) => row.action === action);
    expect(of('purchase.void')).toMatchObject({ staffId: await staffId('amy'), after: { approvedBy: mia } });
    expect(of('purchase.refund')).toMatchObject({ after: { approvedBy: mia } });
    expect(of('counter.approve_void')).toMatchObject({ staffId: mia, subjectId: String(first) });
  });
});

async function staffId(username: string): Promise<number> {
  const [row] = await product.engine.read((tx) =>
    tx.select().from(staff).where(eq(staff.username, username)),
  );
  return row!.id;
}
