import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentConsent } from '../../domain/consent.ts';
import { earnPoints } from '../../domain/points-earning.ts';
import { setUpRichMenus } from '../../line/rich-menus.ts';
import { type Product, startProduct, TEST_LIFF_ID } from '../../testing/harness.ts';
import { addStore, importMember, joinForm } from '../../testing/members.ts';

const consentVersions = {
  termsVersion: currentConsent.termsVersion,
  privacyVersion: currentConsent.privacyVersion,
};

let product: Product;
let storeId: number;
let shopper: { userId: string };
let token: string;

beforeEach(async () => {
  product = await startProduct();
  storeId = (await addStore(product.engine)).id;
  await setUpRichMenus(product.app.line, TEST_LIFF_ID, product.app.log);
  shopper = product.line.shoppers.create({ displayName: '王小明', language: 'zh-TW' });
  await product.line.shoppers.follow(shopper.userId);
  await product.app.events.idle();
  token = await product.line.shoppers.idToken(shopper.userId);
});
afterEach(() => product.close());

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  product.app.inject({
    method,
    url: `/api/liff${url}`,
    headers: { authorization: `Bearer ${token}` },
    payload,
  });

describe('joining through the LIFF API', () => {
  it('offers the active stores and the current terms', async () => {
    expect((await api('GET', '/join-form')).json()).toEqual({
      stores: [{ id: storeId, code: 'TPE01', name: '台北信義店' }],
      ...currentConsent,
    });
  });

  it('makes the friend a member, links the member menu and welcomes them once', async () => {
    const response = await api('POST', '/members', joinForm(storeId));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      name: '王小明',
      phoneMasked: '0912***678',
      tier: { name: '一般會員' },
      pointsBalance: 0,
    });
    expect((await api('GET', '/me')).json()).toMatchObject({
      displayName: '王小明',
      member: { name: '王小明' },
    });

    const menu = product.line.inspect.richMenuOf(shopper.userId);
    expect(product.line.inspect.richMenuAliases()).toMatchObject({ member: menu });
    const messages = product.line.inspect.messagesTo(shopper.userId);
    expect(messages.at(-1)).toMatchObject({ via: 'push', message: { type: 'flex' } });
    expect(messages.at(-1)?.retryKey).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers each bad field with its code and stores nothing', async () => {
    const response = await api('POST', '/members', { ...joinForm(storeId), phone: '12345', email: 'x' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'INVALID_FIELDS',
      fields: { phone: 'PHONE_INVALID', email: 'EMAIL_INVALID' },
    });
    expect((await api('GET', '/me')).json()).toMatchObject({ member: null });
  });

  it('names a missing field', async () => {
    const { name: _, ...withoutName } = joinForm(storeId);
    expect((await api('POST', '/members', withoutName)).json()).toMatchObject({
      fields: { name: 'REQUIRED' },
    });
  });

  it('sends an imported member to the claim step, then binds them with phone and birthday', async () => {
    const imported = await importMember(product.engine, '0933111222', '1965-03-08');
    await earnPoints(product.engine, {
      memberId: imported.id,
      points: 240,
      amount: 12000,
      storeId,
      channel: 'store',
      reference: 'R1',
      idempotencyKey: 'import-1',
      at: new Date(Date.now() - 30 * 86_400_000),
    });
    const join = await api('POST', '/members', joinForm(storeId, { phone: '0933111222' }));
    expect(join.statusCode).toBe(409);
    expect(join.json()).toMatchObject({ code: 'PHONE_REGISTERED' });

    const claim = { phone: '0933111222', acceptTerms: true, ...consentVersions, marketingOptIn: false };
    const wrong = await api('POST', '/members/claim', { ...claim, birthday: '1965-03-09' });
    expect(wrong.json()).toEqual({ code: 'CLAIM_MISMATCH', message: expect.any(String), attemptsLeft: 4 });
    const right = await api('POST', '/members/claim', { ...claim, birthday: '1965-03-08' });
    expect(right.statusCode).toBe(200);
    expect(right.json()).toMatchObject({ name: '陳阿姨', tier: { name: '銀卡會員' }, pointsBalance: 240 });
    expect((await api('GET', '/tier')).json()).toMatchObject({
      current: { code: 'silver' },
      next: { code: 'gold', remaining: 18000 },
    });
  });
});

describe('numbers in use, through the LIFF API', () => {
  it('answers the same whether a member in LINE or in the shops holds the number', async () => {
    await importMember(product.engine, '0933111222', '1965-03-08');
    const other = product.line.shoppers.create({ displayName: '林大同', language: 'zh-TW' });
    const otherToken = await product.line.shoppers.idToken(other.userId);
    const joined = await product.app.inject({
      method: 'POST',
      url: '/api/liff/members',
      headers: { authorization: `Bearer ${otherToken}` },
      payload: joinForm(storeId, { phone: '0955666777' }),
    });
    expect(joined.statusCode).toBe(201);
    const inShops = await api('POST', '/members', joinForm(storeId, { phone: '0933111222' }));
    const inLine = await api('POST', '/members', joinForm(storeId, { phone: '0955666777' }));
    expect([inLine.statusCode, inLine.json()]).toEqual([inShops.statusCode, inShops.json()]);

    const claim = { phone: '0955666777', birthday: '1990-05-20', acceptTerms: true, ...consentVersions };
    const bound = await api('POST', '/members/claim', { ...claim, marketingOptIn: false });
    const unknown = await api('POST', '/members/claim', {
      ...claim,
      phone: '0944123456',
      marketingOptIn: false,
    });
    expect(bound.json()).toEqual({ ...unknown.json(), attemptsLeft: 4 });
    expect(unknown.json()).toMatchObject({ code: 'CLAIM_MISMATCH', attemptsLeft: 3 });
  });

  it('claims with a code a clerk handed over, and refuses a claim body with a field it does not know', async () => {
    await importMember(product.engine, '0933111222', '1965-03-08');
    const claim = { phone: '0933111222', acceptTerms: true, ...consentVersions, marketingOptIn: false };
    const unknown = await api('POST', '/members/claim', { ...claim, birthday: '1965-03-08', memberId: 1 });
    expect(unknown.statusCode).toBe(400);
    const badCode = await api('POST', '/members/claim', { ...claim, claimCode: '1234' });
    expect(badCode.json()).toMatchObject({ fields: { claimCode: 'CLAIM_CODE_INVALID' } });
  });
});

describe('a member’s own data through the LIFF API', () => {
  beforeEach(async () => {
    await api('POST', '/members', joinForm(storeId));
  });

  it('gives the card what it needs to compute codes, and never caches it', async () => {
    const response = await api('GET', '/card');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toMatchObject({
      cardId: expect.stringMatching(/^[0-9A-Z]{10}$/),
      periodSeconds: 30,
      digits: 8,
    });
  });

  it('shows points, history and tier', async () => {
    expect((await api('GET', '/points')).json()).toEqual({ balance: 0, expiring: [] });
    expect((await api('GET', '/points/history')).json()).toEqual({ entries: [], nextBefore: null });
    expect((await api('GET', '/tier')).json()).toMatchObject({
      current: { code: 'regular' },
      next: { code: 'silver', remaining: 10000 },
    });
  });

  it('edits contact fields and refuses to change the birthday', async () => {
    expect(
      (await api('PATCH', '/members/me', { email: 'ming@example.tw', marketingOptIn: true })).json(),
    ).toMatchObject({
      email: 'ming@example.tw',
      marketingOptIn: true,
    });
    expect((await api('PATCH', '/members/me', { birthday: '2000-01-01' })).json()).toMatchObject({
      fields: { birthday: 'BIRTHDAY_LOCKED' },
    });
  });

  it('downloads the member’s data without the card secret', async () => {
    const response = await api('GET', '/members/me/export');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="member-M\d+-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const data = response.json();
    expect(data.membership).toMatchObject({ name: '王小明', phone: '0912345678' });
    expect(JSON.stringify(data)).not.toContain('cardSecret');
  });

  it('deletes the membership: data erased, LINE unlinked, join menu back', async () => {
    expect((await api('DELETE', '/members/me')).statusCode).toBe(204);
    expect((await api('GET', '/me')).json()).toMatchObject({ member: null });
    expect(product.line.inspect.richMenuOf(shopper.userId)).toBe(product.line.inspect.defaultRichMenu());
    expect((await api('GET', '/card')).json()).toMatchObject({ code: 'NOT_A_MEMBER' });
  });

  it('unbinds the LINE account, after which the membership can be claimed back', async () => {
    expect((await api('POST', '/members/me/unbind')).statusCode).toBe(204);
    expect((await api('GET', '/me')).json()).toMatchObject({ member: null });
    const claim = {
      phone: '0912345678',
      birthday: '1990-05-20',
      acceptTerms: true,
      ...consentVersions,
      marketingOptIn: false,
    };
    expect((await api('POST', '/members/claim', claim)).statusCode).toBe(200);
  });
});
