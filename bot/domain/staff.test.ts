import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../db/client.ts';
import { auditLog, staff, staffSessions } from '../../db/schema.ts';
import { addStore } from '../testing/members.ts';
import { addStaff, STAFF_PASSWORD } from '../testing/staff.ts';
import type { Actor } from './actor.ts';
import { DomainError } from './errors.ts';
import { createStaff, listStaff, updateStaff } from './staff.ts';
import { signIn } from './staff-sessions.ts';
import { openStore, updateStore } from './stores.ts';

let db: Database;
const now = new Date('2026-12-01T02:00:00Z');
const admin: Actor = { staffId: 1, storeId: null, ip: '10.0.0.9' };
const audits = () => db.select().from(auditLog).all();
const failure = async (work: () => Promise<unknown> | unknown) => {
  try {
    await work();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, ...error.details };
    throw error;
  }
  throw new Error('expected a DomainError');
};

beforeEach(async () => {
  db = openDatabase(':memory:');
  await addStaff(db, 'boss', 'admin');
});

describe('staff accounts', () => {
  it('creates a clerk in their stores, audited with who and where, never with the password hash', async () => {
    const store = addStore(db);
    const clerk = await createStaff(
      db,
      {
        username: ' Amy.Lin ',
        displayName: '林小美',
        password: STAFF_PASSWORD,
        role: 'clerk',
        storeIds: [store.id],
      },
      admin,
      now,
    );
    expect(clerk).toMatchObject({ username: 'amy.lin', role: 'clerk', storeIds: [store.id], active: true });
    expect(JSON.stringify(clerk)).not.toContain('scrypt');
    const entry = audits().at(-1)!;
    expect(entry).toMatchObject({
      staffId: 1,
      action: 'staff.create',
      subjectId: String(clerk.id),
      ip: '10.0.0.9',
    });
    expect(entry.after).toEqual({
      username: 'amy.lin',
      displayName: '林小美',
      role: 'clerk',
      active: true,
      storeIds: [store.id],
    });
    expect(JSON.stringify(audits())).not.toMatch(/scrypt|horse/);
  });

  it('refuses bad fields one by one, and a username already taken', async () => {
    expect(
      await failure(() =>
        createStaff(
          db,
          { username: 'a', displayName: '', password: 'short', role: 'clerk', storeIds: [] },
          admin,
          now,
        ),
      ),
    ).toMatchObject({
      code: 'INVALID_FIELDS',
      fields: {
        username: 'USERNAME_INVALID',
        displayName: 'NAME_INVALID',
        password: 'PASSWORD_WEAK',
        storeIds: 'STORES_REQUIRED',
      },
    });
    expect(await failure(() => addStaff(db, 'BOSS', 'marketer'))).toMatchObject({ code: 'USERNAME_TAKEN' });
  });

  it('records before and after of a change, and a password reset without either hash', async () => {
    const [a, b] = [addStore(db, 'TPE01'), addStore(db, 'TXG01')];
    const clerk = await addStaff(db, 'amy', 'clerk', [a.id]);
    await updateStaff(
      db,
      clerk.id,
      { role: 'store_manager', storeIds: [a.id, b.id], password: 'another long secret' },
      admin,
      now,
    );
    const [update, reset] = audits().slice(-2);
    expect(update).toMatchObject({ action: 'staff.update', before: { role: 'clerk', storeIds: [a.id] } });
    expect(update!.after).toMatchObject({ role: 'store_manager', storeIds: [a.id, b.id] });
    expect(reset).toMatchObject({ action: 'staff.password_reset', before: null, after: null });
  });

  it('signs a staff member out everywhere when deactivated', async () => {
    const store = addStore(db);
    const clerk = await addStaff(db, 'amy', 'clerk', [store.id]);
    await signIn(db, { username: 'amy', password: STAFF_PASSWORD, ip: '10.0.0.1' }, now);
    await updateStaff(db, clerk.id, { active: false }, admin, now);
    expect(db.select().from(staffSessions).where(eq(staffSessions.staffId, clerk.id)).all()).toEqual([]);
    expect(audits().at(-1)).toMatchObject({
      action: 'staff.update',
      before: { active: true },
      after: { active: false },
    });
  });

  it('keeps at least one active admin', async () => {
    expect(await failure(() => updateStaff(db, 1, { active: false }, admin, now))).toMatchObject({
      code: 'LAST_ADMIN',
    });
    expect(await failure(() => updateStaff(db, 1, { role: 'marketer' }, admin, now))).toMatchObject({
      code: 'LAST_ADMIN',
    });
    await addStaff(db, 'boss2', 'admin');
    await updateStaff(db, 1, { active: false }, admin, now);
    expect(db.select().from(staff).where(eq(staff.id, 1)).get()!.active).toBe(false);
  });

  it('lists for a store manager only the staff of their stores', async () => {
    const [a, b] = [addStore(db, 'TPE01'), addStore(db, 'TXG01')];
    await addStaff(db, 'amy', 'clerk', [a.id]);
    await addStaff(db, 'bob', 'clerk', [b.id]);
    await addStaff(db, 'cat', 'store_manager', [a.id, b.id]);
    expect(listStaff(db, [a.id]).map((s) => s.username)).toEqual(['amy', 'cat']);
    expect(listStaff(db, 'all')).toHaveLength(4);
  });
});

describe('stores in the console', () => {
  it('opens, renames and closes a store, each audited with before and after', () => {
    const store = openStore(db, { code: 'tpe02', name: ' 台北南西店 ', address: null }, admin, now);
    expect(store).toMatchObject({ code: 'TPE02', name: '台北南西店', active: true });
    updateStore(db, store.id, { name: '台北南京西路店' }, admin, now);
    updateStore(db, store.id, { active: false }, admin, now);
    expect(
      audits()
        .slice(-3)
        .map(({ action, before, after }) => ({ action, before, after })),
    ).toEqual([
      {
        action: 'store.create',
        before: null,
        after: { code: 'TPE02', name: '台北南西店', address: null, active: true },
      },
      {
        action: 'store.update',
        before: { code: 'TPE02', name: '台北南西店', address: null, active: true },
        after: { code: 'TPE02', name: '台北南京西路店', address: null, active: true },
      },
      {
        action: 'store.deactivate',
        before: { code: 'TPE02', name: '台北南京西路店', address: null, active: true },
        after: { code: 'TPE02', name: '台北南京西路店', address: null, active: false },
      },
    ]);
  });

  it('refuses a code another store has, and an empty name', async () => {
    openStore(db, { code: 'TPE02', name: '台北南西店' }, admin, now);
    expect(await failure(() => openStore(db, { code: 'tpe02', name: 'x' }, admin, now))).toMatchObject({
      code: 'STORE_CODE_TAKEN',
    });
    expect(await failure(() => openStore(db, { code: 'T', name: ' ' }, admin, now))).toMatchObject({
      fields: { code: 'STORE_CODE_INVALID', name: 'NAME_INVALID' },
    });
  });
});
