import { eq, sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { openDatabase } from './client.ts';
import { placeholderAs, placeholders, prepared, settable } from './prepared.ts';
import { stores } from './schema.ts';

let builds = 0;
const storeByCode = prepared((db) => {
  builds++;
  return db
    .select()
    .from(stores)
    .where(eq(stores.code, sql.placeholder('code')))
    .prepare();
});
const openStore = prepared((db) =>
  db
    .insert(stores)
    .values(placeholders('code', 'name', 'createdAt'))
    .returning()
    .prepare(),
);
const renameStore = prepared((db) =>
  db
    .update(stores)
    .set({ name: settable<string>('name') })
    .where(eq(stores.code, sql.placeholder('code')))
    .prepare(),
);
const openedSince = prepared((db) =>
  db
    .select({ code: stores.code })
    .from(stores)
    .where(sql`${stores.createdAt} >= ${placeholderAs(stores.createdAt, 'since')}`)
    .prepare(),
);

it('builds a query once per database, shares it with its transactions, and encodes values as the columns do', () => {
  const db = openDatabase(':memory:');
  const other = openDatabase(':memory:');
  const at = new Date('2026-11-23T02:00:00Z');
  db.transaction((tx) => {
    openStore(tx).get({ code: 'TPE01', name: '台北信義店', createdAt: at });
    renameStore(tx).run({ code: 'TPE01', name: '台北信義旗艦店' });
  });
  expect(storeByCode(db).get({ code: 'TPE01' })).toMatchObject({ name: '台北信義旗艦店', createdAt: at });
  expect(openedSince(db).all({ since: at })).toEqual([{ code: 'TPE01' }]);
  expect(openedSince(db).all({ since: new Date(at.getTime() + 1) })).toEqual([]);
  expect(builds).toBe(1);
  expect(storeByCode(other).get({ code: 'TPE01' })).toBeUndefined(); // its own query, on its own connection
  expect(builds).toBe(2);
});
