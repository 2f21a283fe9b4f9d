import { asc } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { auditLog } from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { addStore } from '../testing/members.ts';
import { addStaff, STAFF_PASSWORD } from '../testing/staff.ts';
import { resolveSession, SESSION_IDLE_MS, type SignedIn, signIn, signOut } from './staff-sessions.ts';

// Signing in is tested in sign-in.test.ts; here, what a session does once open.
let engine: Engine;
const start = new Date('2026-12-01T02:00:00Z');
const minutes = (n: number) => new Date(start.getTime() + n * 60_000);
const signedIn = (): Promise<SignedIn> =>
  signIn(engine, { username: 'amy', password: STAFF_PASSWORD, ip: '10.0.0.1' }, start);
const actions = async () =>
  (await engine.read((tx) => tx.select().from(auditLog).orderBy(asc(auditLog.id)))).map((row) => row.action);

beforeEach(async () => {
  engine = await openTestEngine();
  await addStaff(engine, 'amy', 'clerk', [(await addStore(engine)).id]);
});
afterEach(() => engine.close());

describe('sessions', () => {
  it('ends after 12 idle hours, and each use moves the end on', async () => {
    const { token } = await signedIn();
    expect(
      await resolveSession(engine, token, new Date(start.getTime() + SESSION_IDLE_MS - 1)),
    ).not.toBeNull();
    const later = new Date(start.getTime() + 2 * SESSION_IDLE_MS - 2);
    expect(await resolveSession(engine, token, later)).not.toBeNull();
    expect(await resolveSession(engine, token, new Date(later.getTime() + SESSION_IDLE_MS))).toBeNull();
  });

  it('ends at sign-out, audited', async () => {
    const { token } = await signedIn();
    await signOut(engine, token, '10.0.0.1', minutes(1));
    expect(await resolveSession(engine, token, minutes(1))).toBeNull();
    expect((await actions()).at(-1)).toBe('staff.sign_out');
  });
});
