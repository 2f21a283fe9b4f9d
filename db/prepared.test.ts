import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine } from './engine.ts';
import { placeholderAs, placeholders, prepared, settable } from './prepared.ts';
import { stores } from './schema.ts';
import { openTestEngine } from './test-engine.ts';

let builds = 0;
const storeByCode = prepared('test_store_by_code', (tx) => {
  builds++;
  return tx
    .select()
    .from(stores)
    .where(eq(stores.code, sql.placeholder('code')));
});
const openStore = prepared('test_open_store', (tx) =>
  tx
    .insert(stores)
    .values(placeholders('code', 'name', 'createdAt'))
    .returning(),
);
const renameStore = prepared('test_rename_store', (tx) =>
  tx
    .update(stores)
    .set({ name: settable<string>('name') })
    .where(eq(stores.code, sql.placeholder('code'))),
);
const openedSince = prepared('test_opened_since', (tx) =>
  tx
    .select({ code: stores.code })
    .from(stores)
    .where(sql`${stores.createdAt} >= ${placeholderAs(stores.createdAt, 'since')}`),
);

let engine: Engine;
beforeEach(async () => {
  engine = await openTestEngine();
});
afterEach(() => engine.close());

it('runs a query with its placeholders filled in, encoding values as the columns do', async () => {
  const at = new Date('2026-11-23T02:00:00Z');
  const [opened] = await engine.write(async (tx) => {
    const rows = await openStore(tx).execute({ code: 'TPE01', name: '台北信義店', createdAt: at });
    await renameStore(tx).execute({ code: 'TPE01', name: '台北信義旗艦店' });
    return rows;
  });
  expect(opened).toMatchObject({ code: 'TPE01', createdAt: at });
  await engine.read(async (tx) => {
    expect(await storeByCode(tx).execute({ code: 'TPE01' })).toMatchObject([
      { name: '台北信義旗艦店', createdAt: at },
    ]);
    expect(await openedSince(tx).execute({ since: at })).toEqual([{ code: 'TPE01' }]);
    expect(await openedSince(tx).execute({ since: new Date(at.getTime() + 1) })).toEqual([]);
  });
});

it('on SQLite, builds a query once per connection (on PostgreSQL, once per transaction)', async () => {
  builds = 0;
  for (let i = 0; i < 3; i++) await engine.read((tx) => storeByCode(tx).execute({ code: 'X' }));
  await engine.write((tx) => storeByCode(tx).execute({ code: 'X' }));
  // SQLite: once on the reader connection, once on the writer.
  expect(builds).toBe(engine.dialect === 'sqlite' ? 2 : 4);
});
