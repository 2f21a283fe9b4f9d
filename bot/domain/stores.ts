import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { stores } from '../../db/schema.ts';

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
