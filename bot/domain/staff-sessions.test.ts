import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { auditLog, signInAttempts, staffSessions } from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { addStore } from '../testing/members.ts';
import { addStaff, STAFF_PASSWORD } from '../testing/staff.ts';
import { DomainError } from './errors.ts';
import { updateStaff } from './staff.ts';
import {
  IP_FAILURES_LIMIT,
  LOCKOUT_FAILURES,
  resolveSession,
  SESSION_IDLE_MS,
  signIn,
  signOut,
  tokenHashOf,
} from './staff-sessions.ts';

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
const audits = () => engine.read((tx) => tx.select().from(auditLog).orderBy(asc(auditLog.id)));
const actions = async () => (await audits()).map((row) => row.action);

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

  it('lets an admin lift a lockout', async () => {
    for (let i = 0; i < LOCKOUT_FAILURES; i++) await attempt('amy', 'wrong password!');
    await updateStaff(engine, 1, { unlock: true }, { staffId: null, storeId: null, ip: null }, minutes(1));
    expect(await attempt('amy', STAFF_PASSWORD, minutes(1))).toHaveProperty('token');
    expect(await actions()).toContain('staff.unlock');
  });

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

  it(`locks the account after ${LOCKOUT_FAILURES} wrong passwords sent at once`, async () => {
    const outcomes = await Promise.all(
      Array.from({ length: LOCKOUT_FAILURES }, (_, i) =>
        attempt('amy', 'wrong password!', start, `10.0.1.${i}`),
      ),
    );
    expect(outcomes.filter((outcome) => 'code' in outcome && outcome.code === 'ACCOUNT_LOCKED')).toHaveLength(
      1,
    );
    expect(await attempt('amy', STAFF_PASSWORD, minutes(1))).toMatchObject({ code: 'ACCOUNT_LOCKED' });
  });

  it(`counts ${IP_FAILURES_LIMIT} failures from an address and no more, however many arrive at once`, async () => {
    await attempt('guess', 'wrong password!', start, '203.0.113.7');
    const outcomes = await Promise.all(
      Array.from({ length: IP_FAILURES_LIMIT + 5 }, (_, i) =>
        attempt(`guess${i}`, 'wrong password!', start, '203.0.113.7'),
      ),
    );
    const codes = outcomes.map((outcome) => ('code' in outcome ? outcome.code : 'SIGNED_IN'));
    expect(codes.filter((code) => code === 'SIGN_IN_FAILED')).toHaveLength(IP_FAILURES_LIMIT - 1);
    expect(codes.filter((code) => code === 'TOO_MANY_ATTEMPTS')).toHaveLength(6);
    const attempts = await engine.read((tx) => tx.select().from(signInAttempts));
    expect(attempts).toHaveLength(IP_FAILURES_LIMIT);
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
  });

  it('refuses a deactivated account once the password is right', async () => {
    const ben = await addStaff(engine, 'ben', 'clerk', [storeId]);
    await updateStaff(engine, ben.id, { active: false }, { staffId: null, storeId: null, ip: null }, start);
    expect(await attempt('ben', STAFF_PASSWORD)).toEqual({ code: 'ACCOUNT_INACTIVE' });
  });
});

describe('sessions', () => {
  it('ends after 12 idle hours, and each use moves the end on', async () => {
    const { token } = (await attempt('amy', STAFF_PASSWORD)) as { token: string };
    expect(
      await resolveSession(engine, token, new Date(start.getTime() + SESSION_IDLE_MS - 1)),
    ).not.toBeNull();
    const later = new Date(start.getTime() + 2 * SESSION_IDLE_MS - 2);
    expect(await resolveSession(engine, token, later)).not.toBeNull();
    expect(await resolveSession(engine, token, new Date(later.getTime() + SESSION_IDLE_MS))).toBeNull();
  });

  it('ends at sign-out, audited', async () => {
    const { token } = (await attempt('amy', STAFF_PASSWORD)) as { token: string };
    await signOut(engine, token, '10.0.0.1', minutes(1));
    expect(await resolveSession(engine, token, minutes(1))).toBeNull();
    expect((await actions()).at(-1)).toBe('staff.sign_out');
  });
});
