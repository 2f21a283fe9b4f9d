import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Sqlite.Database };

const migrationsFolder = join(import.meta.dirname, 'migrations');
const committedMigrations = (
  JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
).entries.length;

/**
 * Opens the database and brings its schema up to date. `:memory:` gives a private database (one per test).
 * WAL lets readers run beside the one writer; synchronous=FULL makes a committed write survive a power cut,
 * because the webhook acknowledges events to LINE only once they are stored; the busy timeout makes a
 * second process (a script beside the server) wait for the lock instead of failing.
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Sqlite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
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
