import { beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../db/client.ts';
import { auditLog } from '../../db/schema.ts';
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

let db: Database;
const start = new Date('2026-12-01T02:00:00Z');
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);
const attempt = async (username: string, password: string, at = start, ip = '10.0.0.1', storeId?: number) => {
  try {
    return await signIn(db, { username, password, ip, ...(storeId && { storeId }) }, at);
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, ...error.details };
    throw error;
  }
};
const actions = () =>
  db
    .select()
    .from(auditLog)
    .all()
    .map((row) => row.action);

let storeId: number;
beforeEach(async () => {
  db = openDatabase(':memory:');
  storeId = addStore(db).id;
  await addStaff(db, 'amy', 'clerk', [storeId]);
});

describe('signing in', () => {
  it('opens a session at the clerk’s only store; the database keeps only the token’s hash', async () => {
    const session = await attempt('Amy', STAFF_PASSWORD);
    expect(session).toMatchObject({
      principal: { username: 'amy', role: 'clerk', storeIds: [storeId], storeId },
    });
    const { token, csrfToken } = session as { token: string; csrfToken: string };
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    const stored = db.$client.prepare('SELECT token_hash, csrf_token FROM staff_sessions').get() as Record<
      string,
      string
    >;
    expect(stored).toEqual({ token_hash: tokenHashOf(token), csrf_token: csrfToken });
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(actions().at(-1)).toBe('staff.sign_in');
  });

  it('gives the same answer for a wrong password and an unknown username, and audits both', async () => {
    expect(await attempt('amy', 'wrong password!')).toEqual({ code: 'SIGN_IN_FAILED' });
    expect(await attempt('nobody', 'wrong password!')).toEqual({ code: 'SIGN_IN_FAILED' });
    const failed = db.select().from(auditLog).all().slice(-2);
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
    expect(actions()).toContain('staff.lock');
  });

  it('lets an admin lift a lockout', async () => {
    for (let i = 0; i < LOCKOUT_FAILURES; i++) await attempt('amy', 'wrong password!');
    await updateStaff(db, 1, { unlock: true }, { staffId: null, storeId: null, ip: null }, minutes(1));
    expect(await attempt('amy', STAFF_PASSWORD, minutes(1))).toHaveProperty('token');
    expect(actions()).toContain('staff.unlock');
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

  it('asks a staff member with several stores to choose one, and refuses a store not theirs', async () => {
    const other = addStore(db, 'TXG01', '台中公益店').id;
    const elsewhere = addStore(db, 'KHH01', '高雄漢神店').id;
    await addStaff(db, 'ben', 'store_manager', [storeId, other]);
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
    const ben = await addStaff(db, 'ben', 'clerk', [storeId]);
    await updateStaff(db, ben.id, { active: false }, { staffId: null, storeId: null, ip: null }, start);
    expect(await attempt('ben', STAFF_PASSWORD)).toEqual({ code: 'ACCOUNT_INACTIVE' });
  });
});

describe('sessions', () => {
  it('ends after 12 idle hours, and each use moves the end on', async () => {
    const { token } = (await attempt('amy', STAFF_PASSWORD)) as { token: string };
    expect(resolveSession(db, token, new Date(start.getTime() + SESSION_IDLE_MS - 1))).not.toBeNull();
    const later = new Date(start.getTime() + 2 * SESSION_IDLE_MS - 2);
    expect(resolveSession(db, token, later)).not.toBeNull();
    expect(resolveSession(db, token, new Date(later.getTime() + SESSION_IDLE_MS))).toBeNull();
  });

  it('ends at sign-out, audited', async () => {
    const { token } = (await attempt('amy', STAFF_PASSWORD)) as { token: string };
    signOut(db, token, '10.0.0.1', minutes(1));
    expect(resolveSession(db, token, minutes(1))).toBeNull();
    expect(actions().at(-1)).toBe('staff.sign_out');
  });
});
