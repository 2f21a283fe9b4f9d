import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { staff, staffSessions, staffStores, stores } from '../../db/schema.ts';
import { type Actor, auditAs } from './actor.ts';
import { DomainError, InvalidFields } from './errors.ts';
import { hashPassword, passwordProblem } from './passwords.ts';

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

export function findStaffByUsername(db: Db, username: string): StaffRow | undefined {
  return db
    .select()
    .from(staff)
    .where(eq(staff.username, normaliseUsername(username)))
    .get();
}

export function storeIdsOf(db: Db, staffId: number): number[] {
  return db
    .select({ storeId: staffStores.storeId })
    .from(staffStores)
    .where(eq(staffStores.staffId, staffId))
    .orderBy(asc(staffStores.storeId))
    .all()
    .map((row) => row.storeId);
}

export function staffView(db: Db, row: StaffRow): StaffView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    active: row.active,
    storeIds: isStoreScoped(row.role) ? storeIdsOf(db, row.id) : [],
    lockedUntil: row.lockedUntil?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Everyone, or (for a store manager) those who work in one of the given stores. */
export function listStaff(db: Db, scope: number[] | 'all'): StaffView[] {
  const rows =
    scope === 'all'
      ? db.select().from(staff).orderBy(asc(staff.id)).all()
      : db
          .selectDistinct({ row: staff })
          .from(staff)
          .innerJoin(staffStores, eq(staffStores.staffId, staff.id))
          .where(inArray(staffStores.storeId, scope.length > 0 ? scope : [-1]))
          .orderBy(asc(staff.id))
          .all()
          .map(({ row }) => row);
  return rows.map((row) => staffView(db, row));
}

export function requireStaffMember(db: Db, id: number): StaffRow {
  const row = db.select().from(staff).where(eq(staff.id, id)).get();
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

function fieldProblems(db: Db, input: Partial<NewStaff>): Record<string, string> {
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
      ? db.select({ id: stores.id }).from(stores).where(inArray(stores.id, ids)).all().length
      : 0;
    if (ids.length === 0) problems.storeIds = 'STORES_REQUIRED';
    else if (known !== ids.length) problems.storeIds = 'STORE_INVALID';
  }
  return problems;
}

function setStores(db: Db, staffId: number, role: StaffRole, storeIds: number[]) {
  db.delete(staffStores).where(eq(staffStores.staffId, staffId)).run();
  if (!isStoreScoped(role)) return;
  const ids = [...new Set(storeIds)];
  if (ids.length)
    db.insert(staffStores)
      .values(ids.map((storeId) => ({ staffId, storeId })))
      .run();
}

export async function createStaff(db: Db, input: NewStaff, actor: Actor, now: Date): Promise<StaffView> {
  const problems = fieldProblems(db, input);
  if (Object.keys(problems).length > 0) throw new InvalidFields(problems);
  const passwordHash = await hashPassword(input.password);
  return db.transaction((tx) => {
    const username = normaliseUsername(input.username);
    if (findStaffByUsername(tx, username)) {
      throw new DomainError('USERNAME_TAKEN', `帳號 ${username} 已有人使用`, { username });
    }
    const row = tx
      .insert(staff)
      .values({
        username,
        displayName: input.displayName.trim(),
        passwordHash,
        role: input.role,
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    setStores(tx, row.id, row.role, input.storeIds ?? []);
    const view = staffView(tx, row);
    auditAs(tx, actor, now, {
      action: 'staff.create',
      subjectType: 'staff',
      subjectId: row.id,
      after: auditSnapshot(view),
    });
    return view;
  });
}

const activeAdmins = (db: Db, except: number) =>
  db
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.role, 'admin'), eq(staff.active, true), ne(staff.id, except)))
    .all().length;

/** Changes a staff member; each kind of change is one audit row. The last active admin cannot be removed. */
export async function updateStaff(
  db: Db,
  id: number,
  changes: StaffChanges,
  actor: Actor,
  now: Date,
): Promise<StaffView> {
  const current = requireStaffMember(db, id);
  const role = changes.role ?? current.role;
  const problems = fieldProblems(db, {
    ...(changes.displayName !== undefined && { displayName: changes.displayName }),
    ...(changes.password !== undefined && { password: changes.password }),
    ...((changes.role !== undefined || changes.storeIds !== undefined) && {
      role,
      storeIds: changes.storeIds ?? storeIdsOf(db, id),
    }),
  });
  if (Object.keys(problems).length > 0) throw new InvalidFields(problems);
  const passwordHash = changes.password === undefined ? undefined : await hashPassword(changes.password);

  return db.transaction((tx) => {
    const row = requireStaffMember(tx, id);
    const before = staffView(tx, row);
    const losesAdmin = row.role === 'admin' && row.active && (role !== 'admin' || changes.active === false);
    if (losesAdmin && activeAdmins(tx, id) === 0) {
      throw new DomainError('LAST_ADMIN', '至少需要保留一位啟用中的管理員');
    }
    const updated = tx
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
      .returning()
      .get()!;
    if (changes.storeIds !== undefined || changes.role !== undefined) {
      setStores(tx, id, role, changes.storeIds ?? before.storeIds);
    }
    // A new password or a deactivation ends every session at once.
    if (passwordHash || changes.active === false) {
      tx.delete(staffSessions).where(eq(staffSessions.staffId, id)).run();
    }
    const after = staffView(tx, updated);
    const [was, is] = [auditSnapshot(before), auditSnapshot(after)];
    if (JSON.stringify(was) !== JSON.stringify(is)) {
      auditAs(tx, actor, now, {
        action: 'staff.update',
        subjectType: 'staff',
        subjectId: id,
        before: was,
        after: is,
      });
    }
    if (passwordHash) {
      auditAs(tx, actor, now, { action: 'staff.password_reset', subjectType: 'staff', subjectId: id });
    }
    if (changes.unlock && before.lockedUntil) {
      auditAs(tx, actor, now, {
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
