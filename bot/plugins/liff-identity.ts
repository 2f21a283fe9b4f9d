import type { FastifyReply, FastifyRequest } from 'fastify';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { LiffSettings } from '../config.ts';
import type { Clock } from '../domain/clock.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The LINE user proven by the verified LIFF ID token: never taken from anything else the client sends. */
    lineUserId: string;
  }
}

/**
 * Verifies LIFF ID tokens as LINE documents them: ES256 against LINE's JWKS (cached; a token signed with a key
 * not yet seen makes jose fetch the set again), issuer https://access.line.me, audience our channel, expiry.
 * https://developers.line.biz/en/docs/liff/using-user-profile/#sending-id-token
 */
export function createIdTokenVerifier(liff: LiffSettings, clock: Clock, cooldownDuration = 30_000) {
  const keys = createRemoteJWKSet(new URL(liff.jwksUrl), { cooldownDuration, cacheMaxAge: 3_600_000 });
  return async function verify(idToken: string): Promise<string> {
    const { payload } = await jwtVerify(idToken, keys, {
      issuer: 'https://access.line.me',
      audience: liff.loginChannelId,
      algorithms: ['ES256'],
      currentDate: clock.now(),
      requiredClaims: ['sub', 'exp'],
    });
    return payload.sub!;
  };
}

type Verify = ReturnType<typeof createIdTokenVerifier>;

/** An onRequest hook for /api/liff/*: 401 with a code the app acts on (ID_TOKEN_EXPIRED: log in again). */
export function requireLiffIdentity(verify: Verify) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    if (scheme !== 'Bearer' || !token) {
      return reply
        .code(401)
        .send({ code: 'ID_TOKEN_MISSING', message: 'Send the LIFF ID token as a bearer token' });
    }
    try {
      request.lineUserId = await verify(token);
    } catch (error) {
      if (error instanceof errors.JWTExpired) {
        return reply.code(401).send({ code: 'ID_TOKEN_EXPIRED', message: 'The LIFF ID token has expired' });
      }
      request.log.info(
        { reason: error instanceof Error ? error.message : String(error) },
        'ID token refused',
      );
      return reply.code(401).send({ code: 'ID_TOKEN_INVALID', message: 'The LIFF ID token is not valid' });
    }
  };
}
