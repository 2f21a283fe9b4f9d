// The mechanics of loading tens of millions of rows: raw prepared statements, multi-row INSERTs, a commit every
// million rows, the journal in memory, syncing off and the secondary indexes dropped while loading, restored (WAL,
// synchronous=FULL, every index from the migrations) at the end. A crash while loading leaves a broken file.
import { rmSync } from 'node:fs';
import { type Database, openDatabase } from '../../db/client.ts';

type Sqlite = Database['$client'];

/** The tables the load fills, whose indexes it drops and builds again. */
const LOADED = ['members', 'line_friends', 'purchases', 'points_ledger', 'point_lots', 'lot_spends'];

/**
 * Opens `path` with the schema of the migrations, after deleting the file when `force`; refuses a database that
 * already holds members or stores.
 */
export function openEmptyDatabase(path: string, force = false): Database {
  if (force) for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  const db = openDatabase(path);
  const sqlite = db.$client;
  const count = (table: string) => sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  if (count('members') > 0 || count('stores') > 0) {
    sqlite.close();
    throw new Error(`${path} already holds data: pass --force to delete it and seed afresh`);
  }
  return db;
}

export type BulkLoad = ReturnType<typeof startBulkLoad>;

/** Puts the database in loading mode and opens the first transaction. */
export function startBulkLoad(sqlite: Sqlite) {
  // No foreign-key checks; the indexes are built again at the end (faster, sorted). better-sqlite3 runs SQLite
  // in defensive mode, which refuses journal_mode=OFF; MEMORY journals only the pages that existed before (none
  // of the loaded ones).
  sqlite.pragma('journal_mode = MEMORY');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('cache_size = -4000000');
  sqlite.pragma('threads = 2');
  sqlite.pragma('temp_store = MEMORY');
  const indexes = sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${LOADED.map(() => '?').join(', ')})`,
    )
    .all(...LOADED) as { name: string; sql: string }[];
  for (const { name } of indexes) sqlite.exec(`DROP INDEX "${name}"`);

  let pending = 0;
  sqlite.exec('BEGIN');
  return {
    /** Multi-row INSERTs of 500 rows: one call into SQLite per batch instead of per row. */
    inserter(table: string, columns: string[], batch = 500) {
      const values = (rows: number) =>
        Array(rows)
          .fill(`(${columns.map(() => '?').join(',')})`)
          .join(',');
      const sql = (rows: number) => `INSERT INTO ${table} (${columns.join(',')}) VALUES ${values(rows)}`;
      const full = sqlite.prepare(sql(batch));
      const params: unknown[] = [];
      let rows = 0;
      const flush = () => {
        if (rows === batch) full.run(params);
        else if (rows > 0) sqlite.prepare(sql(rows)).run(params);
        params.length = 0;
        rows = 0;
      };
      return {
        add(row: unknown[]) {
          for (const value of row) params.push(value);
          if (++rows === batch) flush();
          if (++pending === 1_000_000) {
            pending = 0;
            sqlite.exec('COMMIT; BEGIN');
          }
        },
        /** Inserts the rows of the last, partial batch. */
        flush,
      };
    },
    commit() {
      sqlite.exec('COMMIT');
    },
    /** Builds the dropped indexes again, telling each, and sets back what openDatabase sets; closes the database. */
    finish(built: (index: string) => void) {
      for (const { name, sql } of indexes) {
        sqlite.exec(sql);
        built(name);
      }
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = FULL');
      sqlite.pragma('foreign_keys = ON');
      sqlite.close();
    },
  };
}
