import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../schema.ts';
import { cacheStatements } from './statement-cache.ts';

/** A drizzle handle on one SQLite connection, with the connection behind it (`$client`). */
export type Connection = BetterSQLite3Database<typeof schema> & { $client: Sqlite.Database };

const migrationsFolder = join(import.meta.dirname, 'migrations');
export const committedMigrations = (
  JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
).entries.length;

/**
 * Opens a connection to the database file. WAL lets readers run beside the one writer; synchronous=FULL makes
 * a committed write survive a power cut; the busy timeout makes a second process (a script beside the server)
 * wait for the lock instead of failing. Compiled statements are kept for the next query with the same SQL.
 */
export function openConnection(path: string, { readOnly = false } = {}): Connection {
  mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Sqlite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  if (readOnly) sqlite.pragma('query_only = ON');
  cacheStatements(sqlite);
  return drizzle({ client: sqlite, schema });
}

/** Brings the schema up to date: SQLite takes the write lock, so processes starting together do not race. */
export function migrateConnection(connection: Connection): void {
  migrate(connection, { migrationsFolder });
}
