import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Tx } from '../../../db/engine.ts';
import { memberNotices, members, purchases } from '../../../db/schema.ts';
import { cardCode } from '../../domain/member-card.ts';
import { joinMembership, type Member } from '../../domain/members.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore, joinForm } from '../../testing/members.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

let product: Product;
let tpe: number;
let txg: number;
let member: Member;
let shopper: string;

beforeEach(async () => {
  product = await startProduct();
  tpe = (await addStore(product.engine, 'TPE01', '台北信義店')).id;
  txg = (await addStore(product.engine, 'TXG01', '台中公益店')).id;
  await addStaff(product.engine, 'amy', 'clerk', [tpe]);
  await addStaff(product.engine, 'mia', 'store_manager', [tpe]);
  await addStaff(product.engine, 'tom', 'store_manager', [txg]);
  await addStaff(product.engine, 'boss', 'admin');
  shopper = product.line.shoppers.create({ displayName: '王小明', language: 'zh-TW' }).userId;
  await product.line.shoppers.follow(shopper);
  await product.app.events.idle();
  member = await joinMembership(product.engine, shopper, joinForm(tpe), new Date());
});
afterEach(() => product.close());

const checkout = (memberId: number, price: number, extra: object = {}) => ({
  memberId,
  price,
  redeemPoints: 0,
  reference: 'A-0001',
  idempotencyKey: randomUUID(),
  ...extra,
});
const balance = async () =>
  (await product.engine.read((tx) => tx.select().from(members).where(eq(members.id, member.id))))[0]!
    .pointsBalance;
/** Every row of a table, as committed. */
const all = <T>(query: (tx: Tx) => Promise<T>) => product.engine.read(query);
const pushes = () => product.line.inspect.messagesTo(shopper).filter((m) => m.via === 'push');

describe('the counter', () => {
  it('finds the member by the code on their card, masked, and refuses a code past its window', async () => {
    const amy = await signedIn(product.app, 'amy');
    const code = cardCode(member, new Date());
    const found = await amy.send('POST', '/api/staff/members/lookup', { code });
    expect(found.statusCode).toBe(200);
    expect(found.json().member).toMatchObject({
      id: member.id,
      maskedName: '王○明',
      balance: 0,
      tier: { code: 'regular' },
    });
    const old = cardCode(member, new Date(Date.now() - 120_000));
    const refused = await amy.send('POST', '/api/staff/members/lookup', { code: old });
    expect(refused.json()).toMatchObject({ code: 'CARD_CODE_INVALID' });
  });

  it('finds the member by phone, and says which field is wrong otherwise', async () => {
    const amy = await signedIn(product.app, 'amy');
    expect(
      (await amy.send('POST', '/api/staff/members/lookup', { phone: '0912-345-678' })).json().member.id,
    ).toBe(member.id);
    expect((await amy.send('POST', '/api/staff/members/lookup', { phone: '0987654321' })).statusCode).toBe(
      404,
    );
    expect((await amy.send('POST', '/api/staff/members/lookup', { phone: '12345' })).json()).toMatchObject({
      code: 'INVALID_FIELDS',
      fields: { phone: 'PHONE_INVALID' },
    });
  });

  it('records a purchase at the clerk’s store, and the member gets a push with the points', async () => {
    const amy = await signedIn(product.app, 'amy');
    const response = await amy.send('POST', '/api/staff/purchases', checkout(member.id, 1_280));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      purchase: { paid: 1_280, pointsEarned: 25 },
      balance: 25,
      replayed: false,
    });
    expect(await all((tx) => tx.select().from(purchases))).toMatchObject([
      { storeId: tpe, reference: 'A-0001' },
    ]);
    await product.app.notices.idle();
    expect(pushes()).toHaveLength(1);
    expect(JSON.stringify(pushes()[0])).toContain('獲得點數');
    expect(await all((tx) => tx.select().from(memberNotices))).toMatchObject([
      { status: 'sent', attempts: 1 },
    ]);
  });

  it('gives 50 concurrent copies of one checkout one effect and one push', async () => {
    const amy = await signedIn(product.app, 'amy');
    const body = checkout(member.id, 1_000);
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => amy.send('POST', '/api/staff/purchases', body)),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(50).fill(200));
    expect(responses.filter((r) => !r.json().replayed)).toHaveLength(1);
    expect(await balance()).toBe(20);
    expect(await all((tx) => tx.select().from(purchases))).toHaveLength(1);
    await product.app.notices.idle();
    expect(pushes()).toHaveLength(1);
  });

  it('explains a redemption the policy refuses, and changes nothing', async () => {
    const amy = await signedIn(product.app, 'amy');
    await amy.send('POST', '/api/staff/purchases', checkout(member.id, 10_000));
    const tooMany = await amy.send(
      'POST',
      '/api/staff/purchases',
      checkout(member.id, 300, { redeemPoints: 200 }),
    );
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ code: 'REDEEM_OVER_LIMIT', maxPoints: 150 });
    expect(await balance()).toBe(200);
  });

  it('lets a store manager void a purchase of their store today, not a clerk, nor a manager of another store', async () => {
    const amy = await signedIn(product.app, 'amy');
    const { purchase } = (await amy.send('POST', '/api/staff/purchases', checkout(member.id, 1_000))).json();
    const voidIt = (who: Awaited<ReturnType<typeof signedIn>>) =>
      who.send('POST', `/api/staff/purchases/${purchase.id}/void`, { idempotencyKey: randomUUID() });
    expect((await voidIt(amy)).statusCode).toBe(403);
    expect((await voidIt(await signedIn(product.app, 'tom'))).json()).toMatchObject({ code: 'OTHER_STORE' });
    const mia = await signedIn(product.app, 'mia');
    const voided = await voidIt(mia);
    expect(voided.json()).toMatchObject({ purchase: { status: 'voided' }, balance: 0 });
    expect((await voidIt(mia)).json()).toMatchObject({ code: 'ALREADY_REFUNDED' });
    const today = (await amy.get('/api/staff/purchases')).json();
    expect(today.purchases).toMatchObject([
      { id: purchase.id, status: 'voided', maskedName: '王○明', staffName: 'amy' },
    ]);
  });

  it('keeps every rule when a key is replayed: the same contents, and the staff member’s store', async () => {
    const amy = await signedIn(product.app, 'amy');
    const body = checkout(member.id, 1_000);
    const { purchase } = (await amy.send('POST', '/api/staff/purchases', body)).json();
    // A clerk of another store replaying the key is refused as a first request would be, not shown the receipt.
    await addStaff(product.engine, 'ken', 'clerk', [txg]);
    const ken = await signedIn(product.app, 'ken');
    expect((await ken.send('POST', '/api/staff/purchases', body)).json()).toMatchObject({
      code: 'OTHER_STORE',
    });

    const mia = await signedIn(product.app, 'mia');
    const refund = { amount: 300, idempotencyKey: randomUUID() };
    const url = `/api/staff/purchases/${purchase.id}/refund`;
    expect((await mia.send('POST', url, refund)).statusCode).toBe(200);
    expect((await mia.send('POST', url, refund)).json()).toMatchObject({ replayed: true });
    const other = await mia.send('POST', url, { ...refund, amount: 500 });
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'IDEMPOTENCY_CONFLICT' });
    const tom = await signedIn(product.app, 'tom');
    const fromTxg = await tom.send('POST', url, refund);
    expect(fromTxg.statusCode).toBe(403);
    expect(fromTxg.json()).toMatchObject({ code: 'OTHER_STORE' });
    const [stored] = await all((tx) => tx.select().from(purchases));
    expect(stored).toMatchObject({ refundedAmount: 300 });
  });

  it('asks an admin working across stores to sign in at one before checking out', async () => {
    const boss = await signedIn(product.app, 'boss');
    const response = await boss.send('POST', '/api/staff/purchases', checkout(member.id, 1_000));
    expect(response.json()).toMatchObject({ code: 'NO_STORE' });
  });

  it('refuses a checkout without the CSRF token', async () => {
    const amy = await signedIn(product.app, 'amy');
    const response = await amy.send('POST', '/api/staff/purchases', checkout(member.id, 1_000), false);
    expect(response.statusCode).toBe(403);
    expect(await balance()).toBe(0);
  });
});
