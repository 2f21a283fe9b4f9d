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

type Client = Awaited<ReturnType<typeof signedIn>>;
/** The lookup token the clerk's page gets for the member at the counter, by phone unless told. */
const lookUp = async (who: Client, by: object = { phone: '0912345678' }) => {
  const response = await who.send('POST', '/api/staff/members/lookup', by);
  if (response.statusCode !== 200) throw new Error(`Lookup failed: ${response.body}`);
  return response.json().lookup.token as string;
};
/** The member's current card code: the proof that lets them pay with points. */
const byCard = () => ({ code: cardCode(member, new Date()) });
const purchaseBody = (lookupToken: string, price: number, extra: object = {}) => ({
  lookupToken,
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
    expect(found.json()).toMatchObject({
      member: { id: member.id, maskedName: '王○明', balance: 0, tier: { code: 'regular' } },
      lookup: { proof: 'card' },
    });
    const old = cardCode(member, new Date(Date.now() - 120_000));
    const refused = await amy.send('POST', '/api/staff/members/lookup', { code: old });
    expect(refused.json()).toMatchObject({ code: 'CARD_CODE_INVALID' });
  });

  it('finds the member by phone or member number, earn-only proofs, and says which field is wrong otherwise', async () => {
    const amy = await signedIn(product.app, 'amy');
    expect(
      (await amy.send('POST', '/api/staff/members/lookup', { phone: '0912-345-678' })).json(),
    ).toMatchObject({ member: { id: member.id }, lookup: { proof: 'phone' } });
    const byNumber = await amy.send('POST', '/api/staff/members/lookup', {
      memberNumber: member.memberNumber.toLowerCase(),
    });
    expect(byNumber.json()).toMatchObject({ member: { id: member.id }, lookup: { proof: 'member_number' } });
    const unknown = await amy.send('POST', '/api/staff/members/lookup', { memberNumber: 'M000000001' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'MEMBER_NUMBER_NOT_FOUND' });
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
    const response = await amy.send('POST', '/api/staff/purchases', purchaseBody(await lookUp(amy), 1_280));
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

  it('gives 50 concurrent copies of one purchase one effect and one push', async () => {
    const amy = await signedIn(product.app, 'amy');
    const body = purchaseBody(await lookUp(amy), 1_000);
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
    await amy.send('POST', '/api/staff/purchases', purchaseBody(await lookUp(amy), 10_000));
    const tooMany = await amy.send(
      'POST',
      '/api/staff/purchases',
      purchaseBody(await lookUp(amy, byCard()), 300, { redeemPoints: 200 }),
    );
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ code: 'REDEEM_OVER_LIMIT', maxPoints: 150 });
    expect(await balance()).toBe(200);
  });

  it('lets a store manager void a purchase of their store today, not a clerk alone, nor a manager of another store', async () => {
    const amy = await signedIn(product.app, 'amy');
    const { purchase } = (
      await amy.send('POST', '/api/staff/purchases', purchaseBody(await lookUp(amy), 1_000))
    ).json();
    const voidIt = (who: Client) =>
      who.send('POST', `/api/staff/purchases/${purchase.id}/void`, { idempotencyKey: randomUUID() });
    const alone = await voidIt(amy);
    expect(alone.statusCode).toBe(403);
    expect(alone.json()).toMatchObject({ code: 'APPROVAL_REQUIRED' });
    expect((await voidIt(await signedIn(product.app, 'tom'))).json()).toMatchObject({ code: 'OTHER_STORE' });
    const mia = await signedIn(product.app, 'mia');
    const voided = await voidIt(mia);
    expect(voided.json()).toMatchObject({ purchase: { status: 'voided' }, balance: 0 });
    expect((await voidIt(mia)).json()).toMatchObject({ code: 'ALREADY_REFUNDED' });
    const today = (await amy.get('/api/staff/purchases')).json();
    expect(today.purchases).toMatchObject([
      {
        id: purchase.id,
        status: 'voided',
        maskedName: '王○明',
        staffName: 'amy',
        refunds: [{ amount: 1_000, isVoid: true, staffName: 'mia' }],
      },
    ]);
  });

  it('keeps every rule when a key is replayed: the same contents, and the staff member’s store', async () => {
    const amy = await signedIn(product.app, 'amy');
    const body = purchaseBody(await lookUp(amy), 1_000);
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

  it('asks an admin working across stores to choose one, then serves the counter there', async () => {
    const boss = await signedIn(product.app, 'boss');
    const lookup = await boss.send('POST', '/api/staff/members/lookup', { phone: '0912345678' });
    expect(lookup.json()).toMatchObject({ code: 'NO_STORE' });
    const closed = await boss.send('POST', '/api/staff/counter/store', { storeId: 999 });
    expect(closed.json()).toMatchObject({ code: 'STORE_NOT_ALLOWED' });
    expect((await boss.send('POST', '/api/staff/counter/store', { storeId: txg })).statusCode).toBe(204);
    expect((await boss.get('/api/staff/session')).json()).toMatchObject({ store: { id: txg } });
    const response = await boss.send('POST', '/api/staff/purchases', purchaseBody(await lookUp(boss), 1_000));
    expect(response.json()).toMatchObject({ purchase: { paid: 1_000 } });
    expect(await all((tx) => tx.select().from(purchases))).toMatchObject([{ storeId: txg }]);
    // A clerk may not move to a store that is not theirs.
    const amy = await signedIn(product.app, 'amy');
    expect((await amy.send('POST', '/api/staff/counter/store', { storeId: txg })).statusCode).toBe(403);
  });

  it('refuses a purchase without the CSRF token', async () => {
    const amy = await signedIn(product.app, 'amy');
    const token = await lookUp(amy);
    const response = await amy.send('POST', '/api/staff/purchases', purchaseBody(token, 1_000), false);
    expect(response.statusCode).toBe(403);
    expect(await balance()).toBe(0);
  });
});
