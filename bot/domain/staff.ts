import { and, asc, eq, inArray, ne, or } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { lockRows } from '../../db/prepared.ts';
import { staff, staffSessions, staffStores, stores } from '../../db/schema.ts';
import { type Actor, auditAs } from './actor.ts';
import { DomainError, InvalidFields } from './errors.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import { ensureCan } from './permissions.ts';

export const STAFF_ROLES = ['clerk', 'store_manager', 'marketer', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type StaffRow = typeof staff.$inferSelect;

/** Clerks and store managers work in the stores they are given; marketers and admins in all of them. */
export const isStoreScoped = (role: StaffRole) => role === 'clerk' || role === 'store_manager';

/** A staff member as the console shows them: never the password hash. */
export interface StaffView {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  active: boolean;
  storeIds: number[];
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface NewStaff {
  username: string;
  displayName: string;
  password: string;
  role: StaffRole;
  storeIds?: number[];
}

export interface StaffChanges {
  displayName?: string;
  role?: StaffRole;
  storeIds?: number[];
  active?: boolean;
  /** A new password set by an admin; signs the staff member out everywhere and lifts a lockout. */
  password?: string;
  /** Lifts a lockout before it ends. */
  unlock?: boolean;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,31}$/;
export const normaliseUsername = (username: string) => username.trim().toLowerCase();

export async function findStaffByUsername(tx: Tx, username: string): Promise<StaffRow | undefined> {
  const [row] = await tx
    .select()
    .from(staff)
    .where(eq(staff.username, normaliseUsername(username)))
    .limit(1);
  return row;
}

export async function storeIdsOf(tx: Tx, staffId: number): Promise<number[]> {
  const rows = await tx
    .select({ storeId: staffStores.storeId })
    .from(staffStores)
    .where(eq(staffStores.staffId, staffId))
    .orderBy(asc(staffStores.storeId));
  return rows.map((row) => row.storeId);
}

export async function staffView(tx: Tx, row: StaffRow): Promise<StaffView> {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    active: row.active,
    storeIds: isStoreScoped(row.role) ? await storeIdsOf(tx, row.id) : [],
    lockedUntil: row.lockedUntil?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Everyone, or (for a store manager) those who work in one of the given stores. */
export function listStaff(engine: Engine, scope: number[] | 'all'): Promise<StaffView[]> {
  return engine.read(async (tx) => {
    const rows =
      scope === 'all'
        ? await tx.select().from(staff).orderBy(asc(staff.id))
        : (
            await tx
              .selectDistinct({ row: staff })
              .from(staff)
              .innerJoin(staffStores, eq(staffStores.staffId, staff.id))
              .where(inArray(staffStores.storeId, scope.length > 0 ? scope : [-1]))
              .orderBy(asc(staff.id))
          ).map(({ row }) => row);
    const views: StaffView[] = [];
    for (const row of rows) views.push(await staffView(tx, row));
    return views;
  });
}

export async function requireStaffMember(tx: Tx, id: number): Promise<StaffRow> {
  const [row] = await tx.select().from(staff).where(eq(staff.id, id));
  if (!row) throw new DomainError('STAFF_NOT_FOUND', '找不到這位員工');
  return row;
}

/** What the audit log keeps of a staff member: no password hash, no counters. */
const auditSnapshot = (view: StaffView) => ({
  username: view.username,
  displayName: view.displayName,
  role: view.role,
  active: view.active,
  storeIds: view.storeIds,
});

async function fieldProblems(tx: Tx, input: Partial<NewStaff>): Promise<Record<string, string>> {
  const problems: Record<string, string> = {};
  if (input.username !== undefined && !USERNAME.test(normaliseUsername(input.username)))
    problems.username = 'USERNAME_INVALID';
  if (input.displayName !== undefined) {
    const length = [...input.displayName.trim()].length;
    if (length < 1 || length > 50) problems.displayName = 'NAME_INVALID';
  }
  if (input.role !== undefined && !STAFF_ROLES.includes(input.role)) problems.role = 'ROLE_INVALID';
  if (input.password !== undefined) {
    const problem = passwordProblem(input.password);
    if (problem) problems.password = problem;
  }
  if (input.role !== undefined && isStoreScoped(input.role)) {
    const ids = [...new Set(input.storeIds ?? [])];
    const known = ids.length
      ? (await tx.select({ id: stores.id }).from(stores).where(inArray(stores.id, ids))).length
      : 0;
    if (ids.length === 0) problems.storeIds = 'STORES_REQUIRED';
    else if (known !== ids.length) problems.storeIds = 'STORE_INVALID';
  }
  return problems;
}

async function setStores(tx: Tx, staffId: number, role: StaffRole, storeIds: number[]) {
  await tx.delete(staffStores).where(eq(staffStores.staffId, staffId));
  if (!isStoreScoped(role)) return;
  const ids = [...new Set(storeIds)];
  if (ids.length) await tx.insert(staffStores).values(ids.map((storeId) => ({ staffId, storeId })));
}

/**
 * A new staff member. The fields are checked and the password hashed before the transaction; a username taken
 * meanwhile by another instance fails the unique key, and the engine's retry then finds it taken.
 */
export async function createStaff(
  engine: Engine,
  input: NewStaff,
  actor: Actor,
  now: Date,
): Promise<StaffView> {
  ensureCan(actor, 'staff.manage');
  const problems = await engine.read((tx) => fieldProblems(tx, input));
  if (Object.keys(problems).length > 0) throw new InvalidFields(problems);
  const passwordHash = await hashPassword(input.password);
  return engine.write(async (tx) => {
    const username = normaliseUsername(input.username);
    if (await findStaffByUsername(tx, username)) {
      throw new DomainError('USERNAME_TAKEN', `帳號 ${username} 已有人使用`, { username });
    }
    const [row] = await tx
      .insert(staff)
      .values({
        username,
        displayName: input.displayName.trim(),
        passwordHash,
        role: input.role,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await setStores(tx, row!.id, row!.role, input.storeIds ?? []);
    const view = await staffView(tx, row!);
    await auditAs(tx, actor, now, {
      action: 'staff.create',
      subjectType: 'staff',
      subjectId: row!.id,
      after: auditSnapshot(view),
    });
    return view;
  });
}

async function activeAdmins(tx: Tx, except: number): Promise<number> {
  const rows = await tx
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.role, 'admin'), eq(staff.active, true), ne(staff.id, except)));
  return rows.length;
}

/** Changes a staff member; each kind of change is one audit row. The last active admin cannot be removed. */
export async function updateStaff(
  engine: Engine,
  id: number,
  changes: StaffChanges,
  actor: Actor,
  now: Date,
): Promise<StaffView> {
  ensureCan(actor, 'staff.manage');
  const problems = await engine.read(async (tx) => {
    const role = changes.role ?? (await requireStaffMember(tx, id)).role;
    return fieldProblems(tx, {
      ...(changes.displayName !== undefined && { displayName: changes.displayName }),
      ...(changes.password !== undefined && { password: changes.password }),
      ...((changes.role !== undefined || changes.storeIds !== undefined) && {
        role,
        storeIds: changes.storeIds ?? (await storeIdsOf(tx, id)),
      }),
    });
  });
  if (Object.keys(problems).length > 0) throw new InvalidFields(problems);
  const passwordHash = changes.password === undefined ? undefined : await hashPassword(changes.password);

  return engine.write(async (tx) => {
    // The admins' rows and this one's, before counting: two admins demoting each other at once wait for one
    // another, and the second then counts without the first, so one active admin always remains.
    await lockRows(tx, staff, or(eq(staff.role, 'admin'), eq(staff.id, id)));
    const row = await requireStaffMember(tx, id);
    const role = changes.role ?? row.role;
    const before = await staffView(tx, row);
    const losesAdmin = row.role === 'admin' && row.active && (role !== 'admin' || changes.active === false);
    if (losesAdmin && (await activeAdmins(tx, id)) === 0) {
      throw new DomainError('LAST_ADMIN', '至少需要保留一位啟用中的管理員');
    }
    const [updated] = await tx
      .update(staff)
      .set({
        ...(changes.displayName !== undefined && { displayName: changes.displayName.trim() }),
        role,
        ...(changes.active !== undefined && { active: changes.active }),
        ...(passwordHash && { passwordHash }),
        ...((passwordHash || changes.unlock) && { failedSignIns: 0, lockedUntil: null }),
        updatedAt: now,
      })
      .where(eq(staff.id, id))
      .returning();
    if (changes.storeIds !== undefined || changes.role !== undefined) {
      await setStores(tx, id, role, changes.storeIds ?? before.storeIds);
    }
    // A new password or a deactivation ends every session at once.
    if (passwordHash || changes.active === false) {
      await tx.delete(staffSessions).where(eq(staffSessions.staffId, id));
    }
    const after = await staffView(tx, updated!);
    const [was, is] = [auditSnapshot(before), auditSnapshot(after)];
    if (JSON.stringify(was) !== JSON.stringify(is)) {
      await auditAs(tx, actor, now, {
        action: 'staff.update',
        subjectType: 'staff',
        subjectId: id,
        before: was,
        after: is,
      });
    }
    if (passwordHash) {
      await auditAs(tx, actor, now, { action: 'staff.password_reset', subjectType: 'staff', subjectId: id });
    }
    if (changes.unlock && before.lockedUntil) {
      await auditAs(tx, actor, now, {
        action: 'staff.unlock',
        subjectType: 'staff',
        subjectId: id,
        before: { lockedUntil: before.lockedUntil },
        after: { lockedUntil: null },
      });
    }
    return after;
  });
}
