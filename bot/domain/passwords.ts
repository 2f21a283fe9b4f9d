import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { turnsOf } from './turns.ts';

/**
 * Staff passwords, hashed with scrypt (RFC 7914) from node:crypto. Stored as `scrypt$N$r$p$salt$hash`
 * (base64url), so the cost can be raised later and old hashes still verify. Parameters: ADR 0011.
 */
export const SCRYPT = { N: 2 ** 15, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * Hashes at once in this process. scrypt runs on libuv's thread pool (four threads), which shoppers' requests need
 * too: verifying a LIFF ID token (WebCrypto), reading the pages' files, syncing SQLite's WAL. Two leave them two
 * threads however many staff sign in at once (ADR 0011).
 */
export const HASHES_AT_ONCE = 2;
/** Sign-in checks that may wait for their turn; past that a sign-in is refused at once rather than queued. */
export const SIGN_IN_CHECKS_WAITING = 40;

const hashing = turnsOf(HASHES_AT_ONCE, SIGN_IN_CHECKS_WAITING);

/**
 * Runs `job` in a hashing turn; with `unlessBusy`, null at once when SIGN_IN_CHECKS_WAITING jobs wait already.
 * Whatever calls scrypt goes through here.
 */
export function inHashingTurn<T>(job: () => Promise<T>, unlessBusy: true): Promise<T> | null;
export function inHashingTurn<T>(job: () => Promise<T>, unlessBusy?: false): Promise<T>;
export function inHashingTurn<T>(job: () => Promise<T>, unlessBusy = false): Promise<T> | null {
  return unlessBusy ? hashing.take(job, true) : hashing.take(job);
}

/** How many hashes run and wait in this process now, and how many have started since it began. */
export const hashingNow = hashing.now;

function derive(password: string, salt: Buffer, N: number, r: number, p: number, keyLength: number) {
  // scrypt needs 128 * N * r bytes; Node's default cap (32 MiB) is exactly N = 2^15, r = 8: leave room.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** A new hash with a fresh random salt; waits for its hashing turn, then runs on libuv's thread pool. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltLength);
  const key = await inHashingTurn(() =>
    derive(password, salt, SCRYPT.N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength),
  );
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

/** True when the password matches the stored hash; the comparison takes the same time wherever they differ. */
export function verifyPassword(password: string, stored: string): Promise<boolean> {
  return inHashingTurn(() => check(password, stored));
}

/**
 * verifyPassword for a sign-in: null at once, hashing nothing, when too many sign-ins wait for a turn already, so
 * that a burst is answered quickly instead of queueing without bound.
 */
export function verifyPasswordUnlessBusy(password: string, stored: string): Promise<boolean> | null {
  return inHashingTurn(() => check(password, stored), true);
}

async function check(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(
    password,
    Buffer.from(salt, 'base64url'),
    Number(n),
    Number(r),
    Number(p),
    expected.length,
  );
  return timingSafeEqual(key, expected);
}

/** A hash of nothing anyone knows: verified against when the username is unknown, so both take as long. */
export const unknownUserHash = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$${randomBytes(16).toString('base64url')}$${randomBytes(32).toString('base64url')}`;

/** PASSWORD_WEAK under 10 characters; no composition rules (NIST SP 800-63B): length is what counts. */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'PASSWORD_WEAK';
  if (length > PASSWORD_MAX_LENGTH) return 'PASSWORD_TOO_LONG';
  return null;
}
