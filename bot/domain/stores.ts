import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { prepared } from '../../db/prepared.ts';
import { stores } from '../../db/schema.ts';
import { type Actor, auditAs } from './actor.ts';
import { DomainError, InvalidFields } from './errors.ts';

export type Store = typeof stores.$inferSelect;

export function createStore(
  db: Db,
  store: { code: string; name: string; address?: string | null },
  now: Date,
): Store {
  return db
    .insert(stores)
    .values({ code: store.code, name: store.name, address: store.address ?? null, createdAt: now })
    .returning()
    .get();
}

/** The shops a member can choose as their home store. */
export function activeStores(db: Db): Store[] {
  return db.select().from(stores).where(eq(stores.active, true)).orderBy(asc(stores.id)).all();
}

export interface StoreFields {
  code: string;
  name: string;
  address?: string | null;
}

const STORE_CODE = /^[A-Z0-9][A-Z0-9-]{1,15}$/;

function storeProblems(fields: Partial<StoreFields>): Record<string, string> {
  const problems: Record<string, string> = {};
  if (fields.code !== undefined && !STORE_CODE.test(fields.code.trim().toUpperCase()))
    problems.code = 'STORE_CODE_INVALID';
  const nameLength = fields.name === undefined ? 1 : [...fields.name.trim()].length;
  if (nameLength < 1 || nameLength > 50) problems.name = 'NAME_INVALID';
  if (fields.address && [...fields.address].length > 200) problems.address = 'ADDRESS_INVALID';
  return problems;
}

const snapshot = ({ code, name, address, active }: Store) => ({ code, name, address, active });

/** Every store, the closed ones too (the console lists them); members only ever see activeStores. */
export function listStores(db: Db, { includeInactive }: { includeInactive: boolean }): Store[] {
  return includeInactive ? db.select().from(stores).orderBy(asc(stores.id)).all() : activeStores(db);
}

const storeById = prepared((db) =>
  db
    .select()
    .from(stores)
    .where(eq(stores.id, sql.placeholder('id')))
    .prepare(),
);

export function requireStore(db: Db, id: number): Store {
  const store = storeById(db).get({ id });
  if (!store) throw new DomainError('STORE_NOT_FOUND', '找不到這家門市');
  return store;
}

function codeTaken(db: Db, code: string, except?: number) {
  const other = db.select({ id: stores.id }).from(stores).where(eq(stores.code, code)).get();
  if (other && other.id !== except)
    throw new DomainError('STORE_CODE_TAKEN', `門市代碼 ${code} 已有門市使用`);
}

/** A store opened by an admin in the console: checked, and audited in the same transaction. */
export function openStore(db: Db, fields: StoreFields, actor: Actor, now: Date): Store {
  const problems = storeProblems(fields);
  if (Object.keys(problems).length > 0) throw new InvalidFields(problems);
  return db.transaction((tx) => {
    const code = fields.code.trim().toUpperCase();
    codeTaken(tx, code);
    const store = createStore(
      tx,
      { code, name: fields.name.trim(), address: fields.address?.trim() || null },
      now,
    );
    auditAs(tx, actor, now, {
      action: 'store.create',
      subjectType: 'store',
      subjectId: store.id,
      after: snapshot(store),
    });
    return store;
  });
}

/** Renames, moves, closes (active false) or reopens a store. Members keep it as their home store when closed. */
export function updateStore(
  db: Db,
  id: number,
  changes: Partial<StoreFields> & { active?: boolean },
  actor: Actor,
  now: Date,
): Store {
  const problems = storeProblems(changes);
  if (Object.keys(problems).length > 0) throw new InvalidFields(problems);
  return db.transaction((tx) => {
    const before = requireStore(tx, id);
    const code = changes.code?.trim().toUpperCase();
    if (code !== undefined) codeTaken(tx, code, id);
    const after = tx
      .update(stores)
      .set({
        ...(code !== undefined && { code }),
        ...(changes.name !== undefined && { name: changes.name.trim() }),
        ...(changes.address !== undefined && { address: changes.address?.trim() || null }),
        ...(changes.active !== undefined && { active: changes.active }),
      })
      .where(eq(stores.id, id))
      .returning()
      .get()!;
    const action =
      changes.active === false && before.active
        ? 'store.deactivate'
        : changes.active === true && !before.active
          ? 'store.reactivate'
          : 'store.update';
    auditAs(tx, actor, now, {
      action,
      subjectType: 'store',
      subjectId: id,
      before: snapshot(before),
      after: snapshot(after),
    });
    return after;
  });
}
