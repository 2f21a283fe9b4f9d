import { randomBytes } from 'node:crypto';
import {
  type CryptoKey,
  compactVerify,
  createLocalJWKSet,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  type JSONWebKeySet,
  type JWK,
  SignJWT,
} from 'jose';
import type { Shopper } from './types.ts';

export const LINE_ISSUER = 'https://access.line.me';

export interface IdTokenOptions {
  nonce?: string;
  /** Lifetime from now; defaults to the stand-in's `idTokenLifetimeSeconds` (1 hour, as LINE). */
  expiresInSeconds?: number;
  /** An already-expired token (issued two lifetimes ago), for tests of the expiry path. */
  expired?: boolean;
  /** Another audience than the configured LINE Login channel, for tests of the audience check. */
  audience?: string;
  /** Another issuer than LINE's, for tests of the issuer check. */
  issuer?: string;
}

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

/** LINE Login's signing keys: ES256, published as a JWKS, and rotatable like LINE's own. */
export class LoginKeys {
  #keys: SigningKey[] = [];

  /** Adds a new key with a new `kid`; new tokens are signed with it, old ones still verify. */
  async rotate(): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = randomBytes(16).toString('hex');
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
    this.#keys.push({ kid, privateKey, publicJwk });
    return kid;
  }

  jwks(): JSONWebKeySet {
    return { keys: this.#keys.map((k) => k.publicJwk) };
  }

  async sign(claims: Record<string, unknown>): Promise<string> {
    const key = this.#keys.at(-1);
    if (!key) throw new Error('LoginKeys.rotate() must run before the first token is signed');
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: key.kid })
      .sign(key.privateKey);
  }

  /** The payload when the signature is one of ours; undefined for anything else. */
  async verifySignature(token: string): Promise<Record<string, unknown> | undefined> {
    try {
      if (decodeProtectedHeader(token).alg !== 'ES256') return undefined;
      const { payload } = await compactVerify(token, createLocalJWKSet(this.jwks()));
      return JSON.parse(new TextDecoder().decode(payload));
    } catch {
      return undefined;
    }
  }
}

/** The claims of a LIFF ID token: https://developers.line.biz/en/docs/line-login/verify-id-token/#payload */
export function idTokenClaims(
  shopper: Shopper,
  options: IdTokenOptions & { loginChannelId: string; nowMs: number; lifetimeSeconds: number },
): Record<string, unknown> {
  const now = Math.floor(options.nowMs / 1000);
  const lifetime = options.expiresInSeconds ?? options.lifetimeSeconds;
  const iat = options.expired ? now - 2 * lifetime : now;
  return {
    iss: options.issuer ?? LINE_ISSUER,
    sub: shopper.userId,
    aud: options.audience ?? options.loginChannelId,
    exp: iat + lifetime,
    iat,
    ...(options.nonce !== undefined && { nonce: options.nonce }),
    amr: ['linesso'],
    name: shopper.displayName,
    picture: shopper.pictureUrl,
  };
}

export interface VerifyRequest {
  id_token?: string;
  client_id?: string;
  nonce?: string;
  user_id?: string;
}

/**
 * `POST /oauth2/v2.1/verify` for ID tokens, with LINE's documented error descriptions
 * (https://developers.line.biz/en/reference/line-login/#verify-id-token), checked in the order listed there.
 */
export async function verifyIdToken(
  keys: LoginKeys,
  form: VerifyRequest,
  nowMs: number,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const refuse = (description: string) => ({
    status: 400,
    body: { error: 'invalid_request', error_description: description },
  });
  // LINE documents no wording for missing parameters; these follow its OAuth error shape.
  if (!form.id_token) return refuse('id_token is required.');
  if (!form.client_id) return refuse('client_id is required.');
  const claims = await keys.verifySignature(form.id_token);
  if (!claims) return refuse('Invalid IdToken.');
  if (claims.iss !== LINE_ISSUER) return refuse('Invalid IdToken Issuer.');
  if (typeof claims.exp !== 'number' || claims.exp * 1000 <= nowMs) return refuse('IdToken expired.');
  if (claims.aud !== form.client_id) return refuse('Invalid IdToken Audience.');
  if (form.nonce !== undefined && claims.nonce !== form.nonce) return refuse('Invalid IdToken Nonce.');
  if (form.user_id !== undefined && claims.sub !== form.user_id) {
    return refuse('Invalid IdToken Subject Identifier.');
  }
  return { status: 200, body: claims };
}
