import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { auditLog, signInAddresses, signInAttempts, staff, staffSessions } from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { addStore } from '../testing/members.ts';
import { addStaff, STAFF_PASSWORD } from '../testing/staff.ts';
import { commandLine } from './actor.ts';
import { DomainError } from './errors.ts';
import { HASHES_AT_ONCE, hashingNow, inHashingTurn, SIGN_IN_CHECKS_WAITING } from './passwords.ts';
import { tokenHashOf } from './session-tokens.ts';
import { signIn } from './sign-in.ts';
import { BUSY_RETRY_SECONDS, IP_FAILURES_LIMIT, LOCKOUT_FAILURES } from './sign-in-limits.ts';
import { updateStaff } from './staff.ts';

let engine: Engine;
const start = new Date('2026-12-01T02:00:00Z');
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);
const attempt = async (username: string, password: string, at = start, ip = '10.0.0.1', storeId?: number) => {
  try {
    return await signIn(engine, { username, password, ip, ...(storeId && { storeId }) }, at);
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, ...error.details };
    throw error;
  }
};
const codesOf = (outcomes: object[]) =>
  outcomes.map((outcome) => ('code' in outcome ? (outcome.code as string) : 'SIGNED_IN'));
const tally = (codes: string[]) =>
  Object.fromEntries([...new Set(codes)].map((code) => [code, codes.filter((c) => c === code).length]));
const audits = () => engine.read((tx) => tx.select().from(auditLog).orderBy(asc(auditLog.id)));
const actions = async () => (await audits()).map((row) => row.action);
const attempts = () => engine.read((tx) => tx.select().from(signInAttempts));

/** Takes every hashing turn and every place in the queue until `release`: the process is busy hashing. */
function fillHashingQueue() {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const jobs = Array.from({ length: HASHES_AT_ONCE + SIGN_IN_CHECKS_WAITING }, () =>
    inHashingTurn(() => held),
  );
  return async () => {
    release();
    await Promise.all(jobs);
  };
}

let storeId: number;
beforeEach(async () => {
  engine = await openTestEngine();
  storeId = (await addStore(engine)).id;
  await addStaff(engine, 'amy', 'clerk', [storeId]);
});
afterEach(() => engine.close());

describe('signing in', () => {
  it('opens a session at the clerk’s only store; the database keeps only the token’s hash', async () => {
    const session = await attempt('Amy', STAFF_PASSWORD);
    expect(session).toMatchObject({
      principal: { username: 'amy', role: 'clerk', storeIds: [storeId], storeId },
    });
    const { token, csrfToken } = session as { token: string; csrfToken: string };
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const stored = await engine.read((tx) =>
      tx
        .select({ tokenHash: staffSessions.tokenHash, csrfToken: staffSessions.csrfToken })
        .from(staffSessions),
    );
    expect(stored).toEqual([{ tokenHash: tokenHashOf(token), csrfToken }]);
    expect(JSON.stringify(stored)).not.toContain(token);
    expect((await actions()).at(-1)).toBe('staff.sign_in');
    expect(await attempts()).toMatchObject([{ username: 'amy', succeeded: true }]);
  });

  it('gives the same answer for a wrong password and an unknown username, and audits both', async () => {
    expect(await attempt('amy', 'wrong password!')).toEqual({ code: 'SIGN_IN_FAILED' });
    expect(await attempt('nobody', 'wrong password!')).toEqual({ code: 'SIGN_IN_FAILED' });
    const failed = (await audits()).slice(-2);
    expect(failed.map((row) => row.after)).toEqual([
      { username: 'amy', reason: 'WRONG_PASSWORD' },
      { username: 'nobody', reason: 'UNKNOWN_USERNAME' },
    ]);
  });

  it('asks a staff member with several stores to choose one, and refuses a store not theirs', async () => {
    const other = (await addStore(engine, 'TXG01', '台中公益店')).id;
    const elsewhere = (await addStore(engine, 'KHH01', '高雄漢神店')).id;
    await addStaff(engine, 'ben', 'store_manager', [storeId, other]);
    expect(await attempt('ben', STAFF_PASSWORD)).toMatchObject({
      code: 'STORE_REQUIRED',
      stores: [{ id: storeId }, { id: other }],
    });
    expect(await attempt('ben', STAFF_PASSWORD, start, '10.0.0.1', elsewhere)).toMatchObject({
      code: 'STORE_NOT_ALLOWED',
    });
    expect(await attempt('ben', STAFF_PASSWORD, start, '10.0.0.1', other)).toMatchObject({
      principal: { storeId: other },
    });
    // A right password that must still choose its store is no failure of the address.
    expect((await attempts()).filter((row) => !row.succeeded)).toEqual([]);
  });

  it('refuses a deactivated account once the password is right', async () => {
    const ben = await addStaff(engine, 'ben', 'clerk', [storeId]);
    await updateStaff(engine, ben.id, { active: false }, commandLine, start);
    expect(await attempt('ben', STAFF_PASSWORD)).toEqual({ code: 'ACCOUNT_INACTIVE' });
  });
});

describe('the lockout of an account', () => {
  it(`locks the account for 15 minutes after ${LOCKOUT_FAILURES} wrong passwords, even for the right one`, async () => {
    for (let i = 0; i < LOCKOUT_FAILURES - 1; i++) await attempt('amy', 'wrong password!', minutes(i));
    expect(await attempt('amy', 'wrong password!', minutes(4))).toEqual({
      code: 'ACCOUNT_LOCKED',
      lockedUntil: minutes(19).toISOString(),
    });
    expect(await attempt('amy', STAFF_PASSWORD, minutes(18))).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(await attempt('amy', STAFF_PASSWORD, minutes(19))).toHaveProperty('token');
    expect(await actions()).toContain('staff.lock');
  });

  it('lets the fifth attempt in a row in when its password is right', async () => {
    for (let i = 0; i < LOCKOUT_FAILURES - 1; i++) await attempt('amy', 'wrong password!', minutes(i));
    expect(await attempt('amy', STAFF_PASSWORD, minutes(4))).toHaveProperty('token');
    expect(await attempt('amy', 'wrong password!', minutes(5))).toEqual({ code: 'SIGN_IN_FAILED' });
  });

  it('lets an admin lift a lockout', async () => {
    for (let i = 0; i < LOCKOUT_FAILURES; i++) await attempt('amy', 'wrong password!');
    await updateStaff(engine, 1, { unlock: true }, commandLine, minutes(1));
    expect(await attempt('amy', STAFF_PASSWORD, minutes(1))).toHaveProperty('token');
    expect(await actions()).toContain('staff.unlock');
  });

  it(`locks the account after ${LOCKOUT_FAILURES} wrong passwords sent at once`, async () => {
    const outcomes = await Promise.all(
      Array.from({ length: LOCKOUT_FAILURES }, (_, i) =>
        attempt('amy', 'wrong password!', start, `10.0.1.${i}`),
      ),
    );
    expect(tally(codesOf(outcomes))).toEqual({ SIGN_IN_FAILED: LOCKOUT_FAILURES - 1, ACCOUNT_LOCKED: 1 });
    expect(await attempt('amy', STAFF_PASSWORD, minutes(1))).toMatchObject({ code: 'ACCOUNT_LOCKED' });
  });

  it(`refuses the ${LOCKOUT_FAILURES + 1}th of attempts sent at once as locked, without hashing its password`, async () => {
    const hashedBefore = hashingNow().started;
    const outcomes = await Promise.all(
      Array.from({ length: LOCKOUT_FAILURES + 1 }, (_, i) =>
        attempt('amy', 'wrong password!', start, `10.0.2.${i}`),
      ),
    );
    expect(hashingNow().started - hashedBefore).toBe(LOCKOUT_FAILURES);
    expect(tally(codesOf(outcomes))).toEqual({ SIGN_IN_FAILED: LOCKOUT_FAILURES - 1, ACCOUNT_LOCKED: 2 });
    expect((await audits()).filter((row) => row.action === 'staff.lock')).toHaveLength(1);
  });
});

describe('the limit per address', () => {
  it(`refuses an address after ${IP_FAILURES_LIMIT} failures in 15 minutes, whatever the username`, async () => {
    for (let i = 0; i < IP_FAILURES_LIMIT; i++)
      await attempt(`guess${i}`, 'wrong password!', start, '203.0.113.7');
    expect(await attempt('amy', STAFF_PASSWORD, minutes(1), '203.0.113.7')).toEqual({
      code: 'TOO_MANY_ATTEMPTS',
      retryAfterSeconds: 14 * 60,
    });
    expect(await attempt('amy', STAFF_PASSWORD, minutes(1), '10.0.0.2')).toHaveProperty('token');
    expect(await attempt('amy', STAFF_PASSWORD, minutes(15), '203.0.113.7')).toHaveProperty('token');
  });

  it(`counts ${IP_FAILURES_LIMIT} failures from a new address and no more, however many arrive at once, hashing only those`, async () => {
    const hashedBefore = hashingNow().started;
    const outcomes = await Promise.all(
      Array.from({ length: IP_FAILURES_LIMIT + 5 }, (_, i) =>
        attempt(`guess${i}`, 'wrong password!', start, '203.0.113.7'),
      ),
    );
    expect(tally(codesOf(outcomes))).toEqual({ SIGN_IN_FAILED: IP_FAILURES_LIMIT, TOO_MANY_ATTEMPTS: 5 });
    expect(hashingNow().started - hashedBefore).toBe(IP_FAILURES_LIMIT);
    expect(await attempts()).toHaveLength(IP_FAILURES_LIMIT);
  });

  it('counts a right password checked beside failures as no failure of its address', async () => {
    const outcomes = await Promise.all([
      ...Array.from({ length: IP_FAILURES_LIMIT - 1 }, (_, i) =>
        attempt(`guess${i}`, 'wrong password!', start, '203.0.113.8'),
      ),
      attempt('amy', STAFF_PASSWORD, start, '203.0.113.8'),
    ]);
    expect(tally(codesOf(outcomes))).toEqual({ SIGN_IN_FAILED: IP_FAILURES_LIMIT - 1, SIGNED_IN: 1 });
    expect(await attempt('nobody', 'wrong password!', start, '203.0.113.8')).toEqual({
      code: 'SIGN_IN_FAILED',
    });
    expect(await attempt('nobody', 'wrong password!', start, '203.0.113.8')).toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
    });
  });
});

describe('the record of attempts', () => {
  it('forgets attempts and addresses not seen for a day when someone signs in', async () => {
    await attempt('nobody', 'wrong password!', start, '203.0.113.9');
    await attempt('amy', STAFF_PASSWORD, minutes(24 * 60 + 1), '10.0.0.3');
    expect(await attempts()).toMatchObject([{ ip: '10.0.0.3', succeeded: true }]);
    const addresses = await engine.read((tx) => tx.select().from(signInAddresses));
    expect(addresses.map((row) => row.ip)).toEqual(['10.0.0.3']);
  });
});

describe('while the server is busy hashing', () => {
  it('refuses a sign-in at once when too many wait for their check, and counts it against nothing', async () => {
    for (let i = 0; i < LOCKOUT_FAILURES - 1; i++) await attempt('amy', 'wrong password!');
    const release = fillHashingQueue();
    expect(await attempt('amy', STAFF_PASSWORD)).toEqual({
      code: 'TOO_MANY_ATTEMPTS',
      retryAfterSeconds: BUSY_RETRY_SECONDS,
    });
    await release();
    const [amy] = await engine.read((tx) => tx.select().from(staff).where(eq(staff.username, 'amy')));
    expect(amy).toMatchObject({ failedSignIns: LOCKOUT_FAILURES - 1, lockedUntil: null });
    expect(await attempts()).toHaveLength(LOCKOUT_FAILURES - 1);
    expect((await audits()).at(-1)?.after).toEqual({ username: 'amy', reason: 'BUSY' });
    expect(await attempt('amy', STAFF_PASSWORD)).toHaveProperty('token');
  });
});
