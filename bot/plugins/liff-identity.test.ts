import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Product, startProduct, TEST_LOGIN_CHANNEL_ID } from '../testing/harness.ts';

let product: Product;
let userId: string;
beforeEach(async () => {
  product = await startProduct();
  userId = product.line.shoppers.create({ displayName: '李小華' }).userId;
});
afterEach(() => product.close());

const me = (token?: string) =>
  product.app.inject({
    url: '/api/liff/me',
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });

describe('LIFF ID tokens on /api/liff/*', () => {
  it('takes the LINE user from a valid token, and only from it', async () => {
    const response = await me(await product.line.shoppers.idToken(userId));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ lineUserId: userId, member: null });
  });

  it('asks for the token when there is none', async () => {
    expect((await me()).json()).toMatchObject({ code: 'ID_TOKEN_MISSING' });
  });

  it('answers an expired token with the code that makes the app log in again', async () => {
    const response = await me(await product.line.shoppers.idToken(userId, { expired: true }));
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'ID_TOKEN_EXPIRED' });
  });

  it.each([
    ['another audience', { audience: '1999999999' }],
    ['another issuer', { issuer: 'https://evil.example' }],
  ])('refuses a token for %s', async (_case, options) => {
    const response = await me(await product.line.shoppers.idToken(userId, options));
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'ID_TOKEN_INVALID' });
  });

  it('refuses a token whose signature does not match', async () => {
    const [header, payload] = (await product.line.shoppers.idToken(userId)).split('.');
    const other = (await product.line.shoppers.idToken(product.line.shoppers.create().userId)).split('.')[2];
    expect((await me(`${header}.${payload}.${other}`)).json()).toMatchObject({ code: 'ID_TOKEN_INVALID' });
  });

  it('refuses an unsigned token (alg none)', async () => {
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: 'https://access.line.me',
      sub: userId,
      aud: TEST_LOGIN_CHANNEL_ID,
      iat: now,
      exp: now + 600,
    };
    const response = await me(`${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.`);
    expect(response.json()).toMatchObject({ code: 'ID_TOKEN_INVALID' });
  });

  it('refuses a token signed by a key LINE never published', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const kid = (await exportJWK(publicKey)).x!;
    const forged = await new SignJWT({ sub: userId })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer('https://access.line.me')
      .setAudience(TEST_LOGIN_CHANNEL_ID)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
    expect((await me(forged)).json()).toMatchObject({ code: 'ID_TOKEN_INVALID' });
  });

  it('accepts tokens signed with a key LINE added after the keys were cached', async () => {
    expect((await me(await product.line.shoppers.idToken(userId))).statusCode).toBe(200);
    await product.line.login.rotateKey();
    expect((await me(await product.line.shoppers.idToken(userId))).statusCode).toBe(200);
  });
});
