import { asc, eq, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { prepared } from '../../db/prepared.ts';
import { staffStores, stores } from '../../db/schema.ts';
import { DomainError } from './errors.ts';
import { isStoreScoped, type StaffRole, type StaffRow } from './staff.ts';
import type { Store } from './stores.ts';

export type { StaffRole };

/** Who is signed in, as every staff route sees them (re-exported by bot/plugins/staff-session.ts). */
export interface StaffPrincipal {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  /** The stores they may act in: their own for clerks and store managers, 'all' for marketers and admins. */
  storeIds: number[] | 'all';
  /** The store this session works at, chosen at sign-in; null for admins and marketers who chose none. */
  storeId: number | null;
}

/** The stores a staff member may work at: their own active stores, or every active store. */
async function storesOpenTo(tx: Tx, principal: Pick<StaffPrincipal, 'storeIds'>): Promise<Store[]> {
  const active = await tx.select().from(stores).where(eq(stores.active, true)).orderBy(asc(stores.id));
  if (principal.storeIds === 'all') return active;
  const ids = new Set(principal.storeIds);
  return active.filter((store) => ids.has(store.id));
}

/** The stores a staff member may work at, as the console offers them. */
export function storesOf(engine: Engine, principal: Pick<StaffPrincipal, 'storeIds'>): Promise<Store[]> {
  return engine.read((tx) => storesOpenTo(tx, principal));
}

const storesOfStaff = prepared('stores_of_staff', (tx) =>
  tx
    .select({ id: staffStores.storeId })
    .from(staffStores)
    .where(eq(staffStores.staffId, sql.placeholder('staffId')))
    .orderBy(asc(staffStores.storeId)),
);

/** The staff member as a session at `storeId` sees them: that store only if they may work there. */
export async function principalOf(tx: Tx, row: StaffRow, storeId: number | null): Promise<StaffPrincipal> {
  const storeIds = isStoreScoped(row.role)
    ? (await storesOfStaff(tx).execute({ staffId: row.id })).map((s) => s.id)
    : 'all';
  const mayWork = storeId !== null && (storeIds === 'all' || storeIds.includes(storeId));
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    storeIds,
    storeId: mayWork ? storeId : null,
  };
}

/** The store a new session works at: the one asked for, or the only one a clerk has. */
export async function chooseStore(
  tx: Tx,
  row: StaffRow,
  asked: number | null | undefined,
): Promise<number | null> {
  const allowed = await storesOpenTo(tx, await principalOf(tx, row, null));
  const choices = allowed.map(({ id, code, name }) => ({ id, code, name }));
  if (asked !== undefined && asked !== null) {
    if (!allowed.some((store) => store.id === asked)) {
      throw new DomainError('STORE_NOT_ALLOWED', '您無法在這家門市登入', { stores: choices });
    }
    return asked;
  }
  if (!isStoreScoped(row.role)) return null;
  if (allowed.length === 1) return allowed[0]!.id;
  if (allowed.length === 0) throw new DomainError('NO_STORES', '您尚未被指派到任何營業中的門市，請洽管理員');
  throw new DomainError('STORE_REQUIRED', '請選擇今天工作的門市', { stores: choices });
}
