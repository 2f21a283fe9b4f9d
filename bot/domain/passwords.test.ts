import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, SCRYPT, verifyPassword } from './passwords.ts';

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
});
