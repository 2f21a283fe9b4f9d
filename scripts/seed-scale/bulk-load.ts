// How tens of millions of rows go in, on either engine: the loaders (members.ts, ledger.ts) hand rows to a
// `BulkLoad`; SQLite's is below, PostgreSQL's is copy-load.ts. On SQLite: raw prepared statements, multi-row
// INSERTs, a commit every million rows, the journal in memory, syncing off and the secondary indexes dropped while
// loading, restored (WAL, synchronous=FULL, every index from the migrations) at the end. A crash while loading
// leaves a broken file.
import { openConnection } from '../../db/sqlite/connection.ts';

/** The tables the load fills, whose indexes it drops and builds again. */
export const LOADED = ['members', 'line_friends', 'purchases', 'points_ledger', 'point_lots', 'lot_spends'];

/** The rows of one table going in. Times are UTC milliseconds, booleans 0 or 1, null for SQL null. */
export interface Rows {
  add(row: unknown[]): void;
  /** Sends the rows still held back: the table's rows are then all in. */
  end(): Promise<void>;
}

export interface BulkLoad {
  rows(table: string, columns: string[]): Promise<Rows>;
  /** Resolves once what was added has gone out, so that memory stays bounded; loaders wait for it now and then. */
  flowing(): Promise<void>;
  /** Commits, builds the dropped indexes again (telling each), and sets back what the engine expects; closes. */
  finish(built: (what: string) => void): Promise<void>;
}

/** Puts the SQLite file (migrated, empty) in loading mode and opens the first transaction. */
export function startSqliteLoad(path: string): BulkLoad {
  const sqlite = openConnection(path).$client;
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
    async rows(table, columns) {
      const batch = 500;
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
        add(row) {
          for (const value of row) params.push(value);
          if (++rows === batch) flush();
          if (++pending === 1_000_000) {
            pending = 0;
            sqlite.exec('COMMIT; BEGIN');
          }
        },
        async end() {
          flush();
        },
      };
    },
    // Every statement runs as it is added: nothing waits.
    flowing: () => Promise.resolve(),
    async finish(built) {
      sqlite.exec('COMMIT');
      for (const { name, sql } of indexes) {
        sqlite.exec(sql);
        built(`index ${name}`);
      }
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('synchronous = FULL');
      sqlite.pragma('foreign_keys = ON');
      sqlite.close();
    },
  };
}
