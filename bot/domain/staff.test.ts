import { and, asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../db/engine.ts';
import { auditLog, staff, staffSessions } from '../../db/schema.ts';
import { openTestEngine } from '../../db/test-engine.ts';
import { addStore } from '../testing/members.ts';
import { addStaff, STAFF_PASSWORD } from '../testing/staff.ts';
import type { Actor } from './actor.ts';
import { DomainError } from './errors.ts';
import { createStaff, listStaff, updateStaff } from './staff.ts';
import { signIn } from './staff-sessions.ts';
import { openStore, updateStore } from './stores.ts';

let engine: Engine;
const now = new Date('2026-12-01T02:00:00Z');
const admin: Actor = { staffId: 1, storeId: null, ip: '10.0.0.9', may: { role: 'admin', storeIds: 'all' } };
const audits = () => engine.read((tx) => tx.select().from(auditLog).orderBy(asc(auditLog.id)));
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
  engine = await openTestEngine();
  await addStaff(engine, 'boss', 'admin');
});
afterEach(() => engine.close());

describe('staff accounts', () => {
  it('creates a clerk in their stores, audited with who and where, never with the password hash', async () => {
    const store = await addStore(engine);
    const clerk = await createStaff(
      engine,
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
    const entry = (await audits()).at(-1)!;
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
    expect(JSON.stringify(await audits())).not.toMatch(/scrypt|horse/);
  });

  it('refuses bad fields one by one, and a username already taken', async () => {
    expect(
      await failure(() =>
        createStaff(
          engine,
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
    expect(await failure(() => addStaff(engine, 'BOSS', 'marketer'))).toMatchObject({
      code: 'USERNAME_TAKEN',
    });
  });

  it('records before and after of a change, and a password reset without either hash', async () => {
    const [a, b] = [await addStore(engine, 'TPE01'), await addStore(engine, 'TXG01')];
    const clerk = await addStaff(engine, 'amy', 'clerk', [a.id]);
    await updateStaff(
      engine,
      clerk.id,
      { role: 'store_manager', storeIds: [a.id, b.id], password: 'another long secret' },
      admin,
      now,
    );
    const [update, reset] = (await audits()).slice(-2);
    expect(update).toMatchObject({ action: 'staff.update', before: { role: 'clerk', storeIds: [a.id] } });
    expect(update!.after).toMatchObject({ role: 'store_manager', storeIds: [a.id, b.id] });
    expect(reset).toMatchObject({ action: 'staff.password_reset', before: null, after: null });
  });

  it('signs a staff member out everywhere when deactivated', async () => {
    const store = await addStore(engine);
    const clerk = await addStaff(engine, 'amy', 'clerk', [store.id]);
    await signIn(engine, { username: 'amy', password: STAFF_PASSWORD, ip: '10.0.0.1' }, now);
    await updateStaff(engine, clerk.id, { active: false }, admin, now);
    expect(
      await engine.read((tx) => tx.select().from(staffSessions).where(eq(staffSessions.staffId, clerk.id))),
    ).toEqual([]);
    expect((await audits()).at(-1)).toMatchObject({
      action: 'staff.update',
      before: { active: true },
      after: { active: false },
    });
  });

  it('keeps at least one active admin', async () => {
    expect(await failure(() => updateStaff(engine, 1, { active: false }, admin, now))).toMatchObject({
      code: 'LAST_ADMIN',
    });
    expect(await failure(() => updateStaff(engine, 1, { role: 'marketer' }, admin, now))).toMatchObject({
      code: 'LAST_ADMIN',
    });
    await addStaff(engine, 'boss2', 'admin');
    await updateStaff(engine, 1, { active: false }, admin, now);
    const [boss] = await engine.read((tx) => tx.select().from(staff).where(eq(staff.id, 1)));
    expect(boss!.active).toBe(false);
  });

  it('keeps one active admin when the last two remove each other at once', async () => {
    let remaining = 1;
    for (let round = 0; round < 5; round++) {
      const other = (await addStaff(engine, `boss${round + 2}`, 'admin')).id;
      const outcomes = await Promise.allSettled([
        updateStaff(engine, remaining, { role: 'marketer' }, { ...admin, staffId: other }, now),
        updateStaff(engine, other, { active: false }, { ...admin, staffId: remaining }, now),
      ]);
      const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(refused).toHaveLength(1);
      expect(refused[0]!.reason).toMatchObject({ code: 'LAST_ADMIN' });
      const admins = await engine.read((tx) =>
        tx
          .select()
          .from(staff)
          .where(and(eq(staff.role, 'admin'), eq(staff.active, true))),
      );
      expect(admins).toHaveLength(1);
      remaining = admins[0]!.id;
    }
  });

  it('lists for a store manager only the staff of their stores', async () => {
    const [a, b] = [await addStore(engine, 'TPE01'), await addStore(engine, 'TXG01')];
    await addStaff(engine, 'amy', 'clerk', [a.id]);
    await addStaff(engine, 'bob', 'clerk', [b.id]);
    await addStaff(engine, 'cat', 'store_manager', [a.id, b.id]);
    expect((await listStaff(engine, [a.id])).map((s) => s.username)).toEqual(['amy', 'cat']);
    expect(await listStaff(engine, 'all')).toHaveLength(4);
  });
});

describe('stores in the console', () => {
  it('opens, renames and closes a store, each audited with before and after', async () => {
    const store = await openStore(engine, { code: 'tpe02', name: ' 台北南西店 ', address: null }, admin, now);
    expect(store).toMatchObject({ code: 'TPE02', name: '台北南西店', active: true });
    await updateStore(engine, store.id, { name: '台北南京西路店' }, admin, now);
    await updateStore(engine, store.id, { active: false }, admin, now);
    expect(
      (await audits()).slice(-3).map(({ action, before, after }) => ({ action, before, after })),
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
    await openStore(engine, { code: 'TPE02', name: '台北南西店' }, admin, now);
    expect(await failure(() => openStore(engine, { code: 'tpe02', name: 'x' }, admin, now))).toMatchObject({
      code: 'STORE_CODE_TAKEN',
    });
    expect(await failure(() => openStore(engine, { code: 'T', name: ' ' }, admin, now))).toMatchObject({
      fields: { code: 'STORE_CODE_INVALID', name: 'NAME_INVALID' },
    });
  });
});
