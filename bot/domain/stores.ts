import { asc, eq, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { lockRows, prepared } from '../../db/prepared.ts';
import { stores } from '../../db/schema.ts';
import { type Actor, auditAs } from './actor.ts';
import { DomainError, InvalidFields } from './errors.ts';
import { ensureCan } from './permissions.ts';

export type Store = typeof stores.$inferSelect;

export async function createStore(
  tx: Tx,
  store: { code: string; name: string; address?: string | null },
  now: Date,
): Promise<Store> {
  const [created] = await tx
    .insert(stores)
    .values({ code: store.code, name: store.name, address: store.address ?? null, createdAt: now })
    .returning();
  return created!;
}

const openStores = (tx: Tx): Promise<Store[]> =>
  tx.select().from(stores).where(eq(stores.active, true)).orderBy(asc(stores.id));

/** The shops a member can choose as their home store. */
export function activeStores(engine: Engine): Promise<Store[]> {
  return engine.read(openStores);
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
export function listStores(
  engine: Engine,
  { includeInactive }: { includeInactive: boolean },
): Promise<Store[]> {
  return engine.read((tx) =>
    includeInactive ? tx.select().from(stores).orderBy(asc(stores.id)) : openStores(tx),
  );
}

const storeById = prepared('store_by_id', (tx) =>
  tx
    .select()
    .from(stores)
    .where(eq(stores.id, sql.placeholder('id'))),
);

export async function requireStore(tx: Tx, storeId: number): Promise<Store> {
  const [store] = await storeById(tx).execute({ id: storeId });
  if (!store) throw new DomainError('STORE_NOT_FOUND', '找不到這家門市');
  return store;
}

async function codeTaken(tx: Tx, code: string, except?: number) {
  const [other] = await tx.select({ id: stores.id }).from(stores).where(eq(stores.code, code)).limit(1);
  if (other && other.id !== except)
    throw new DomainError('STORE_CODE_TAKEN', `門市代碼 ${code} 已有門市使用`);
}

/**
 * A store opened by an admin in the console: checked, and audited in the same transaction. Two admins opening
 * the same code at once: the unique code lets one in, and the other's retry finds it taken.
 */
export async function openStore(
  engine: Engine,
  fields: StoreFields,
  actor: Actor,
  now: Date,
): Promise<Store> {
  ensureCan(actor, 'store.manage');
  const problems = storeProblems(fields);
  if (Object.keys(problems).length > 0) throw new InvalidFields(problems);
  return engine.write(async (tx) => {
    const code = fields.code.trim().toUpperCase();
    await codeTaken(tx, code);
    const store = await createStore(
      tx,
      { code, name: fields.name.trim(), address: fields.address?.trim() || null },
      now,
    );
    await auditAs(tx, actor, now, {
      action: 'store.create',
      subjectType: 'store',
      subjectId: store.id,
      after: snapshot(store),
    });
    return store;
  });
}

/** Renames, moves, closes (active false) or reopens a store. Members keep it as their home store when closed. */
export async function updateStore(
  engine: Engine,
  id: number,
  changes: Partial<StoreFields> & { active?: boolean },
  actor: Actor,
  now: Date,
): Promise<Store> {
  ensureCan(actor, 'store.manage');
  const problems = storeProblems(changes);
  if (Object.keys(problems).length > 0) throw new InvalidFields(problems);
  return engine.write(async (tx) => {
    // The store's row, so that the audit's before is what this change replaced.
    await lockRows(tx, stores, eq(stores.id, id));
    const before = await requireStore(tx, id);
    const code = changes.code?.trim().toUpperCase();
    if (code !== undefined) await codeTaken(tx, code, id);
    const [after] = await tx
      .update(stores)
      .set({
        ...(code !== undefined && { code }),
        ...(changes.name !== undefined && { name: changes.name.trim() }),
        ...(changes.address !== undefined && { address: changes.address?.trim() || null }),
        ...(changes.active !== undefined && { active: changes.active }),
      })
      .where(eq(stores.id, id))
      .returning();
    const action =
      changes.active === false && before.active
        ? 'store.deactivate'
        : changes.active === true && !before.active
          ? 'store.reactivate'
          : 'store.update';
    await auditAs(tx, actor, now, {
      action,
      subjectType: 'store',
      subjectId: id,
      before: snapshot(before),
      after: snapshot(after!),
    });
    return after!;
  });
}
