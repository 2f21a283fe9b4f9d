import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestLine, type TestLine } from './test-kit.ts';

let t: TestLine;
beforeEach(async () => {
  t = await startTestLine();
});
afterEach(async () => {
  await t.line.close();
});

/** LINE's verify endpoint, called as a LIFF back end calls it: a form post. */
async function verify(form: Record<string, string>) {
  const response = await fetch(`${t.line.urls.api}/oauth2/v2.1/verify`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });
  return { status: response.status, body: await response.json() };
}

const refused = (description: string) => ({
  status: 400,
  body: { error: 'invalid_request', error_description: description },
});

describe('LIFF ID tokens', () => {
  it('are ES256 JWTs with LINE claims that verify against the JWKS with jose', async () => {
    const shopper = t.line.shoppers.create({ displayName: '陳美麗' });
    const idToken = await t.line.shoppers.idToken(shopper.userId, { nonce: 'n-123' });
    const jwks = createRemoteJWKSet(new URL(`${t.line.urls.api}/oauth2/v2.1/certs`));
    const { payload, protectedHeader } = await jwtVerify(idToken, jwks, {
      issuer: 'https://access.line.me',
      audience: t.loginChannelId,
      algorithms: ['ES256'],
      currentDate: new Date(t.clock.now()),
    });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: expect.any(String) });
    const iat = Math.floor(t.clock.now() / 1000);
    expect(payload).toEqual({
      iss: 'https://access.line.me',
      sub: shopper.userId,
      aud: t.loginChannelId,
      iat,
      exp: iat + 3600,
      nonce: 'n-123',
      amr: ['linesso'],
      name: '陳美麗',
      picture: shopper.pictureUrl,
    });
  });

  it('verify through /oauth2/v2.1/verify with the claims', async () => {
    const shopper = t.line.shoppers.create();
    const idToken = await t.line.shoppers.idToken(shopper.userId, { nonce: 'abc' });
    const answer = await verify({
      id_token: idToken,
      client_id: t.loginChannelId,
      nonce: 'abc',
      user_id: shopper.userId,
    });
    expect(answer).toMatchObject({
      status: 200,
      body: { sub: shopper.userId, aud: t.loginChannelId, nonce: 'abc' },
    });
  });

  it('are refused by /oauth2/v2.1/verify with LINE error descriptions', async () => {
    const shopper = t.line.shoppers.create();
    const client_id = t.loginChannelId;
    const token = await t.line.shoppers.idToken(shopper.userId, { nonce: 'abc' });
    const expired = await t.line.shoppers.idToken(shopper.userId, { expired: true });
    const forOtherChannel = await t.line.shoppers.idToken(shopper.userId, { audience: '1999999999' });
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(86)}`;

    expect(await verify({ id_token: 'not-a-jwt', client_id })).toEqual(refused('Invalid IdToken.'));
    expect(await verify({ id_token: forged, client_id })).toEqual(refused('Invalid IdToken.'));
    expect(await verify({ id_token: expired, client_id })).toEqual(refused('IdToken expired.'));
    expect(await verify({ id_token: forOtherChannel, client_id })).toEqual(
      refused('Invalid IdToken Audience.'),
    );
    expect(await verify({ id_token: token, client_id: '1999999999' })).toEqual(
      refused('Invalid IdToken Audience.'),
    );
    expect(await verify({ id_token: token, client_id, nonce: 'other' })).toEqual(
      refused('Invalid IdToken Nonce.'),
    );
    expect(await verify({ id_token: token, client_id, user_id: `U${'0'.repeat(32)}` })).toEqual(
      refused('Invalid IdToken Subject Identifier.'),
    );
    expect((await verify({ client_id })).status).toBe(400);
  });

  it('expire on the stand-in clock after their lifetime', async () => {
    const shopper = t.line.shoppers.create();
    const idToken = await t.line.shoppers.idToken(shopper.userId, { expiresInSeconds: 60 });
    t.clock.advance(59_000);
    expect((await verify({ id_token: idToken, client_id: t.loginChannelId })).status).toBe(200);
    t.clock.advance(1_000);
    expect(await verify({ id_token: idToken, client_id: t.loginChannelId })).toEqual(
      refused('IdToken expired.'),
    );
  });

  it('are signed with a new key after rotation, while tokens signed with the old key still verify', async () => {
    const shopper = t.line.shoppers.create();
    const before = await t.line.shoppers.idToken(shopper.userId);
    const newKid = await t.line.login.rotateKey();
    const after = await t.line.shoppers.idToken(shopper.userId);
    expect(decodeProtectedHeader(after).kid).toBe(newKid);
    expect(decodeProtectedHeader(before).kid).not.toBe(newKid);
    const certs = await (await fetch(`${t.line.urls.api}/oauth2/v2.1/certs`)).json();
    expect(certs.keys.map((k: { kid: string }) => k.kid)).toContain(newKid);
    expect(certs.keys).toHaveLength(2);
    for (const id_token of [before, after]) {
      expect((await verify({ id_token, client_id: t.loginChannelId })).status).toBe(200);
    }
  });
});
