import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Product, startProduct } from '../testing/harness.ts';
import { addStore, joinForm } from '../testing/members.ts';
import { addStaff, postSignIn, signedIn } from '../testing/staff.ts';

let product: Product;
let tpe: number;

beforeEach(async () => {
  product = await startProduct();
  tpe = (await addStore(product.engine)).id;
  await addStaff(product.engine, 'boss', 'admin');
  await addStaff(product.engine, 'amy', 'clerk', [tpe]);
  await addStaff(product.engine, 'max', 'marketer');
});
afterEach(() => product.close());

type Send = (payload: Record<string, unknown>) => Promise<{ statusCode: number; json(): unknown }>;

/** Each request below breaks one field; the field is named with its problem, and nothing else is said of it. */
const cases: { api: string; field: string; value: unknown; problem: string }[] = [
  { api: 'purchase', field: 'price', value: true, problem: 'INVALID' },
  { api: 'purchase', field: 'price', value: '1000', problem: 'INVALID' },
  { api: 'purchase', field: 'price', value: [1000], problem: 'INVALID' },
  { api: 'purchase', field: 'price', value: ' 1000 ', problem: 'INVALID' },
  { api: 'purchase', field: 'price', value: 1000.5, problem: 'INVALID' },
  { api: 'purchase', field: 'redeemPoints', value: null, problem: 'INVALID' },
  { api: 'purchase', field: 'redeemPoints', value: '0', problem: 'INVALID' },
  { api: 'purchase', field: 'memberId', value: 1, problem: 'UNKNOWN_FIELD' },
  { api: 'join', field: 'acceptTerms', value: 'true', problem: 'CONSENT_REQUIRED' },
  { api: 'join', field: 'email', value: ['a@example.com'], problem: 'EMAIL_INVALID' },
  { api: 'join', field: 'homeStoreId', value: '1', problem: 'STORE_INVALID' },
  { api: 'join', field: 'marketingOptIn', value: 1, problem: 'INVALID' },
  { api: 'join', field: 'referrer', value: 'friend', problem: 'UNKNOWN_FIELD' },
  { api: 'sign-in', field: 'password', value: ['correct horse battery'], problem: 'INVALID' },
  { api: 'sign-in', field: 'username', value: 42, problem: 'INVALID' },
  { api: 'sign-in', field: 'storeId', value: '1', problem: 'INVALID' },
  { api: 'sign-in', field: 'remember', value: true, problem: 'UNKNOWN_FIELD' },
  { api: 'staff', field: 'password', value: ['a long enough secret'], problem: 'INVALID' },
  { api: 'staff', field: 'storeIds', value: ['1'], problem: 'INVALID' },
  { api: 'staff', field: 'role', value: 'owner', problem: 'INVALID' },
  { api: 'staff', field: 'isAdmin', value: true, problem: 'UNKNOWN_FIELD' },
];

async function apis(): Promise<Record<string, { valid: Record<string, unknown>; send: Send }>> {
  const amy = await signedIn(product.app, 'amy', { storeId: tpe });
  const boss = await signedIn(product.app, 'boss');
  const shopper = product.line.shoppers.create({ displayName: '王小明', language: 'zh-TW' });
  const idToken = await product.line.shoppers.idToken(shopper.userId);
  return {
    purchase: {
      valid: { price: 1000, redeemPoints: 0, reference: 'R1', idempotencyKey: 'purchase-0001' },
      send: (payload) => amy.send('POST', '/api/staff/purchases', payload),
    },
    join: {
      valid: { ...joinForm(tpe) },
      send: (payload) =>
        product.app.inject({
          method: 'POST',
          url: '/api/liff/members',
          headers: { authorization: `Bearer ${idToken}` },
          payload,
        }),
    },
    'sign-in': {
      valid: { username: 'amy', password: 'correct horse battery' },
      send: (payload) => product.app.inject({ method: 'POST', url: '/api/staff/session', payload }),
    },
    staff: {
      valid: { username: 'cindy', displayName: '陳欣蒂', password: 'a long enough secret', role: 'clerk' },
      send: (payload) => boss.send('POST', '/api/staff/staff', { storeIds: [tpe], ...payload }),
    },
  };
}

describe('strict input: nothing coerced, nothing unknown dropped', () => {
  it('answers 400 INVALID_FIELDS naming each broken field, for every example', async () => {
    const by = await apis();
    const answers = [];
    for (const { api, field, value, problem } of cases) {
      const response = await by[api]!.send({ ...by[api]!.valid, [field]: value });
      const body = response.json() as { code: string; message: string; fields: Record<string, string> };
      answers.push({ api, field, value, status: response.statusCode, code: body.code, got: body.fields });
      expect(body.fields?.[field], `${api} ${field}=${JSON.stringify(value)}`).toBe(problem);
      expect(body.message).toContain(`「${field}」`);
    }
    expect(answers.filter((a) => a.status !== 400 || a.code !== 'INVALID_FIELDS')).toEqual([]);
  });

  it('names every broken field at once, and says which ones it does not take', async () => {
    const boss = await signedIn(product.app, 'boss');
    const response = await boss.send('POST', '/api/staff/stores', { code: 7, name: null, owner: 'me' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      code: 'INVALID_FIELDS',
      message:
        '「code」、「name」不正確；不接受的欄位：「owner」。(invalid: code, name; unknown fields: owner)',
      fields: { code: 'INVALID', name: 'NAME_INVALID', owner: 'UNKNOWN_FIELD' },
    });
  });

  it('reads ids and numbers in the URL from their plain spelling only', async () => {
    const boss = await signedIn(product.app, 'boss');
    for (const id of ['1.0', '+1', '0x1', '1e0', '%201', 'one']) {
      const response = await boss.send('PATCH', `/api/staff/stores/${id}`, { name: '台北新店' });
      expect([id, response.statusCode, response.json()]).toEqual([
        id,
        400,
        expect.objectContaining({ fields: { id: 'INVALID' } }),
      ]);
    }
    expect((await boss.send('PATCH', `/api/staff/stores/${tpe}`, { name: '台北新店' })).statusCode).toBe(200);
    expect((await boss.get('/api/staff/audit?limit=2')).statusCode).toBe(200);
    for (const query of ['limit=1e1', 'limit=2&limit=3', 'limit= 2', 'page=2']) {
      const response = await boss.get(`/api/staff/audit?${query}`);
      expect([query, response.statusCode]).toEqual([query, 400]);
    }
    expect((await boss.get('/api/staff/audit?page=2')).json()).toMatchObject({
      fields: { page: 'UNKNOWN_FIELD' },
    });
  });

  it('refuses a role that may not act with 403 before it looks at the body', async () => {
    const amy = await signedIn(product.app, 'amy', { storeId: tpe });
    const max = await signedIn(product.app, 'max');
    const refusals = [
      await amy.send('POST', '/api/staff/staff', { role: 'owner', isAdmin: true }),
      await amy.send('PATCH', '/api/staff/stores/not-an-id', { active: 'no' }),
      await amy.send('POST', '/api/staff/earn-rules', {}),
      await max.send('PATCH', '/api/staff/points-policy', { spendPerPoint: '10' }),
      await max.send('POST', '/api/staff/purchases', { price: true }),
      await product.app.inject({
        method: 'POST',
        url: '/api/staff/staff',
        cookies: { staff_session: amy.cookie.value },
        headers: { 'x-csrf-token': amy.csrfToken, 'content-type': 'application/json' },
        payload: '{not even JSON',
      }),
    ];
    expect(refusals.map((r) => [r.statusCode, r.json().code])).toEqual(
      refusals.map(() => [403, 'FORBIDDEN']),
    );
    const stranger = await product.app.inject({
      method: 'POST',
      url: '/api/staff/staff',
      payload: { role: 'owner' },
    });
    expect([stranger.statusCode, stranger.json().code]).toEqual([401, 'NOT_SIGNED_IN']);
  });

  it('answers an earn rule for a store that does not exist with 400, not 500', async () => {
    const boss = await signedIn(product.app, 'boss');
    const rule = {
      name: '新店加碼',
      storeId: tpe + 100,
      channel: null,
      multiplierPercent: 150,
      bonusPoints: 0,
      minAmount: 0,
      weekdays: null,
      startsAt: null,
      endsAt: null,
      active: true,
    };
    const created = await boss.send('POST', '/api/staff/earn-rules', rule);
    expect([created.statusCode, created.json()]).toEqual([
      400,
      expect.objectContaining({ code: 'INVALID_FIELDS', fields: { storeId: 'STORE_INVALID' } }),
    ]);
    const good = await boss.send('POST', '/api/staff/earn-rules', { ...rule, storeId: tpe });
    expect(good.statusCode).toBe(201);
    const moved = await boss.send('PATCH', `/api/staff/earn-rules/${good.json().id}`, { storeId: tpe + 100 });
    expect([moved.statusCode, moved.json().fields]).toEqual([400, { storeId: 'STORE_INVALID' }]);
  });

  it('still signs in with a well-formed body', async () => {
    expect((await postSignIn(product.app, 'amy', { storeId: tpe })).statusCode).toBe(200);
  });
});
