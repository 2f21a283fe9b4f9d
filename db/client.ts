import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import * as schema from './schema.ts';
import { cacheStatements } from './statement-cache.ts';

/** The open database, with the SQLite connection behind it (`$client`) for closing it. */
export type Database = BetterSQLite3Database<typeof schema> & { $client: Sqlite.Database };

/** What domain functions take: the database or a transaction on it, so they compose inside one transaction. */
export type Db = BaseSQLiteDatabase<'sync', Sqlite.RunResult, typeof schema>;

const migrationsFolder = join(import.meta.dirname, 'migrations');
const committedMigrations = (
  JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
).entries.length;

/**
 * Opens the database and brings its schema up to date. `:memory:` gives a private database (one per test).
 * WAL lets readers run beside the one writer; synchronous=FULL makes a committed write survive a power cut,
 * because the webhook acknowledges events to LINE only once they are stored; the busy timeout makes a
 * second process (a script beside the server) wait for the lock instead of failing. Compiled statements are
 * kept for the next query with the same SQL.
 *
 * `synchronous: 'NORMAL'` is for the webhook event processor's own connection only: its commits reach the disk
 * with the next FULL commit, and a power cut can lose only the latest of them, together with the events' done
 * marks that follow them in the WAL; those events are then processed again. See ADR 0003.
 */
export function openDatabase(
  path: string,
  { synchronous = 'FULL' }: { synchronous?: 'FULL' | 'NORMAL' } = {},
): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Sqlite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${synchronous}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  cacheStatements(sqlite);
  const db = drizzle({ client: sqlite, schema });
  migrate(db, { migrationsFolder });
  return db;
}

/** True when the database answers and every committed migration has been applied: what /readyz reports. */
export function isDatabaseReady(db: Db): boolean {
  try {
    const row = db.get<{ applied: number }>(sql`SELECT count(*) AS applied FROM __drizzle_migrations`);
    return row.applied === committedMigrations;
  } catch {
    return false;
  }
}
