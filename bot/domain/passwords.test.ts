import { describe, expect, it } from 'vitest';
import {
  HASHES_AT_ONCE,
  hashingNow,
  hashPassword,
  inHashingTurn,
  passwordProblem,
  SCRYPT,
  SIGN_IN_CHECKS_WAITING,
  verifyPassword,
  verifyPasswordUnlessBusy,
} from './passwords.ts';

describe('staff passwords', () => {
  it('stores scrypt with its parameters and a fresh salt, and verifies only the same password', async () => {
    const first = await hashPassword('correct horse battery');
    const second = await hashPassword('correct horse battery');
    expect(first).toMatch(new RegExp(`^scrypt\\$${SCRYPT.N}\\$8\\$1\\$[\\w-]{22}\\$[\\w-]{43}$`));
    expect(first).not.toBe(second);
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('correct horse batterY', first)).toBe(false);
    expect(await verifyPassword('', first)).toBe(false);
  });

  it('verifies hashes made with other parameters, so the cost can be raised later', async () => {
    const cheap = (await hashPassword('x')).replace(/^scrypt\$\d+/, 'scrypt$1024');
    expect(await verifyPassword('x', cheap)).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$whatever')).toBe(false);
  });

  it('treats the full-width and the ASCII forms of a password as the same (NFKC)', async () => {
    expect(await verifyPassword('ＡＢＣ１２３４５６７', await hashPassword('ABC1234567'))).toBe(true);
  });

  it('refuses passwords under 10 characters, counting Chinese characters as one each', () => {
    expect(passwordProblem('short')).toBe('PASSWORD_WEAK');
    expect(passwordProblem('九個中文字的密碼啊')).toBe('PASSWORD_WEAK');
    expect(passwordProblem('十個中文字的密碼啊啊')).toBeNull();
    expect(passwordProblem('x'.repeat(201))).toBe('PASSWORD_TOO_LONG');
  });

  it(`hashes ${HASHES_AT_ONCE} at a time, the others waiting in order, and refuses a sign-in check past ${SIGN_IN_CHECKS_WAITING} waiting`, async () => {
    const stored = await hashPassword('correct horse battery');
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const finished: number[] = [];
    const jobs = Array.from({ length: HASHES_AT_ONCE + SIGN_IN_CHECKS_WAITING }, (_, i) =>
      inHashingTurn(() => held.then(() => void finished.push(i))),
    );
    expect(hashingNow()).toMatchObject({ running: HASHES_AT_ONCE, waiting: SIGN_IN_CHECKS_WAITING });
    expect(verifyPasswordUnlessBusy('correct horse battery', stored)).toBeNull();
    // Hashing a new password (the console's, the command line's) waits its turn rather than being refused.
    const hashing = hashPassword('another long password');
    expect(hashingNow().waiting).toBe(SIGN_IN_CHECKS_WAITING + 1);
    release();
    await Promise.all(jobs);
    expect(await verifyPassword('another long password', await hashing)).toBe(true);
    expect(finished.slice(HASHES_AT_ONCE)).toEqual(finished.slice(HASHES_AT_ONCE).toSorted((a, b) => a - b));
    expect(await verifyPasswordUnlessBusy('correct horse battery', stored)).toBe(true);
    expect(hashingNow()).toMatchObject({ running: 0, waiting: 0 });
  });
});
