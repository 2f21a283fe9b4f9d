import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCKOUT_FAILURES } from '../../domain/staff-sessions.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStore } from '../../testing/members.ts';
import { addStaff, postSignIn, signedIn } from '../../testing/staff.ts';

let product: Product;
let now = new Date('2026-12-01T02:00:00Z');
const clock = { now: () => now };
const wait = (minutes: number) => (now = new Date(now.getTime() + minutes * 60_000));
let storeId: number;

beforeEach(async () => {
  now = new Date('2026-12-01T02:00:00Z');
  product = await startProduct({ clock });
  storeId = (await addStore(product.engine)).id;
  await addStaff(product.engine, 'amy', 'clerk', [storeId]);
});
afterEach(() => product.close());

describe('POST /api/staff/session', () => {
  it('sets an httpOnly, Secure, SameSite=Strict session cookie and answers who signed in where', async () => {
    const response = await postSignIn(product.app, 'amy');
    expect(response.statusCode).toBe(200);
    expect(response.headers['set-cookie']).toMatch(
      /^staff_session=[\w-]{43}; Max-Age=604800; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
    );
    expect(response.json()).toMatchObject({
      staff: { username: 'amy', role: 'clerk', storeId, storeIds: [storeId] },
      store: { id: storeId, code: 'TPE01' },
      stores: [{ id: storeId }],
      csrfToken: expect.stringMatching(/^[\w-]{43}$/),
    });
  });

  it('answers 401 in zh-TW for a wrong password', async () => {
    const response = await postSignIn(product.app, 'amy', { password: 'not my password' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ code: 'SIGN_IN_FAILED', message: '帳號或密碼錯誤' });
  });

  it('answers 423 with the time the account unlocks, and lets the staff member in after it', async () => {
    for (let i = 0; i < LOCKOUT_FAILURES; i++)
      await postSignIn(product.app, 'amy', { password: 'not my password' });
    const locked = await postSignIn(product.app, 'amy');
    expect(locked.statusCode).toBe(423);
    expect(locked.json()).toMatchObject({ code: 'ACCOUNT_LOCKED', lockedUntil: '2026-12-01T02:15:00.000Z' });
    wait(15);
    expect((await postSignIn(product.app, 'amy')).statusCode).toBe(200);
  });

  it('answers 429 with Retry-After to an address that failed too often', async () => {
    for (let i = 0; i < 20; i++)
      await postSignIn(product.app, `x${i}`, { password: 'guessing!', ip: '198.51.100.4' });
    const refused = await postSignIn(product.app, 'amy', { ip: '198.51.100.4' });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('900');
    expect((await postSignIn(product.app, 'amy', { ip: '198.51.100.5' })).statusCode).toBe(200);
  });

  it('counts by the client address a trusted reverse proxy forwards, and only with TRUST_PROXY set', async () => {
    const behindProxy = await startProduct({ clock, app: { trustProxy: 1 } });
    await addStaff(behindProxy.engine, 'amy', 'clerk', [(await addStore(behindProxy.engine)).id]);
    const via = (client: string, username: string, password?: string) =>
      behindProxy.app.inject({
        method: 'POST',
        url: '/api/staff/session',
        remoteAddress: '10.0.0.2', // the proxy
        headers: { 'x-forwarded-for': client },
        payload: { username, password: password ?? 'correct horse battery' },
      });
    for (let i = 0; i < 20; i++) await via('198.51.100.4', `x${i}`, 'guessing!');
    expect((await via('198.51.100.4', 'amy')).statusCode).toBe(429);
    expect((await via('198.51.100.5', 'amy')).statusCode).toBe(200);
    await behindProxy.close();
  });

  it('refuses a form post (text/plain) from another site: no login CSRF', async () => {
    const response = await product.app.inject({
      method: 'POST',
      url: '/api/staff/session',
      headers: { 'content-type': 'text/plain' },
      payload: 'username=amy&password=correct horse battery',
    });
    expect(response.statusCode).toBe(400);
    expect(response.cookies).toEqual([]);
  });
});

describe('the session', () => {
  it('tells the console who is signed in, with the CSRF token, until 12 idle hours have passed', async () => {
    const amy = await signedIn(product.app, 'amy');
    wait(11 * 60);
    expect((await amy.get('/api/staff/session')).json()).toMatchObject({
      staff: { username: 'amy' },
      csrfToken: amy.csrfToken,
    });
    wait(11 * 60);
    expect((await amy.get('/api/staff/session')).statusCode).toBe(200);
    wait(12 * 60);
    const expired = await amy.get('/api/staff/session');
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'NOT_SIGNED_IN' });
  });

  it('refuses a change without the session’s CSRF token', async () => {
    const amy = await signedIn(product.app, 'amy');
    const response = await amy.send('DELETE', '/api/staff/session', undefined, false);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'CSRF' });
    expect((await amy.get('/api/staff/session')).statusCode).toBe(200);
  });

  it('signs out: the cookie is cleared and the token is worth nothing after', async () => {
    const amy = await signedIn(product.app, 'amy');
    const response = await amy.send('DELETE', '/api/staff/session');
    expect(response.statusCode).toBe(204);
    expect(response.cookies[0]).toMatchObject({ name: 'staff_session', value: '' });
    expect((await amy.get('/api/staff/session')).statusCode).toBe(401);
  });

  it('answers 401 without a cookie, and with a made-up one', async () => {
    expect((await product.app.inject({ url: '/api/staff/stores' })).statusCode).toBe(401);
    const forged = await product.app.inject({
      url: '/api/staff/stores',
      cookies: { staff_session: 'x'.repeat(43) },
    });
    expect(forged.json()).toMatchObject({ code: 'NOT_SIGNED_IN' });
  });
});
