// The bulk load on PostgreSQL: each table's rows stream in through one COPY FROM STDIN on a connection of its own
// (pg-copy-streams), so the tables of a phase load side by side. Before the load the loaded tables' indexes, keys
// and foreign keys are dropped; after it they are built again from their own definitions, the identity sequences
// are moved past the loaded ids, and the tables are vacuumed and analysed as autovacuum would leave them. A crash
// while loading leaves the database without its keys: seed it again with --force.
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { type BulkLoad, LOADED } from './bulk-load.ts';

/** Rows written to the COPY stream at a time, and what it may hold before the loaders wait for it. */
const CHUNK = 1_000;
const BUFFERED = 8 << 20;

type Definition = { table: string; name: string; sql: string };

/** COPY's text format: tab between columns, \N for null, and backslash escapes in text. */
const ESCAPED = /[\\\t\n\r]/g;
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const text = (value: unknown) => {
  if (value === null || value === undefined) return '\\N';
  const s = String(value);
  return NEEDS_ESCAPE.test(s) ? s.replace(ESCAPED, (c) => ESCAPES[c]!) : s;
};
/** The loaders give times as UTC milliseconds, as SQLite stores them. */
const time = (value: unknown) => (value === null ? '\\N' : new Date(value as number).toISOString());

/** Drops the loaded tables' keys and indexes (the database is migrated and empty) and opens the load. */
export async function startCopyLoad(url: string): Promise<BulkLoad> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const timestamps = new Set(
    (
      await admin.query<{ name: string }>(
        `SELECT table_name || '.' || column_name AS name FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = ANY($1) AND data_type = 'timestamp with time zone'`,
        [LOADED],
      )
    ).rows.map((row) => row.name),
  );
  const { keys, indexes, foreignKeys } = await definitions(admin);
  await admin.query('BEGIN');
  for (const { table, name } of [...foreignKeys, ...keys])
    await admin.query(`ALTER TABLE "${table}" DROP CONSTRAINT "${name}"`);
  for (const { name } of indexes) await admin.query(`DROP INDEX "${name}"`);
  await admin.query('COMMIT');

  const streams: ReturnType<typeof copyFrom>[] = [];
  return {
    async rows(table, columns) {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const stream = client.query(
        copyFrom(`COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`, {
          highWaterMark: BUFFERED,
        }),
      );
      streams.push(stream);
      const done = finished(stream);
      done.catch(() => {}); // awaited by end(); a failure also rejects flowing()
      const encode = columns.map((column) => (timestamps.has(`${table}.${column}`) ? time : text));
      let lines: string[] = [];
      const send = () => {
        if (lines.length > 0) stream.write(`${lines.join('\n')}\n`);
        lines = [];
      };
      return {
        add(row) {
          lines.push(row.map((value, i) => encode[i]!(value)).join('\t'));
          if (lines.length === CHUNK) send();
        },
        async end() {
          send();
          stream.end();
          try {
            await done;
          } finally {
            await client.end();
          }
        },
      };
    },
    async flowing() {
      await Promise.all(streams.filter((s) => s.writableNeedDrain).map((s) => once(s, 'drain')));
    },
    async finish(built) {
      try {
        await admin.query(`SET maintenance_work_mem = '1GB'`);
        for (const { table, name, sql } of keys) {
          await admin.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${name}" ${sql}`);
          built(`key ${name}`);
        }
        for (const { name, sql } of indexes) {
          await admin.query(sql);
          built(`index ${name}`);
        }
        for (const { table, name, sql } of foreignKeys) {
          await admin.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${name}" ${sql}`);
          built(`foreign key ${name}`);
        }
        await moveSequences(admin);
        for (const table of LOADED) await admin.query(`VACUUM (ANALYZE) "${table}"`);
        built('vacuumed and analysed');
      } finally {
        await admin.end();
      }
    },
  };
}

/**
 * The loaded tables' primary keys and unique constraints, their other indexes, and every foreign key from or to
 * them, as PostgreSQL itself writes them out.
 */
async function definitions(admin: pg.Client) {
  const constraints = await admin.query<Definition & { type: string }>(
    `SELECT c.conrelid::regclass::text AS table, c.conname AS name, pg_get_constraintdef(c.oid) AS sql,
            c.contype AS type
     FROM pg_constraint c
     WHERE c.contype IN ('p', 'u', 'f')
       AND (c.conrelid = ANY($1::text[]::regclass[]) OR c.confrelid = ANY($1::text[]::regclass[]))
     ORDER BY c.conname`,
    [LOADED],
  );
  const indexes = await admin.query<Definition>(
    `SELECT i.indrelid::regclass::text AS table, x.relname AS name, pg_get_indexdef(i.indexrelid) AS sql
     FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid
     WHERE i.indrelid = ANY($1::text[]::regclass[])
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.contype IN ('p', 'u'))
     ORDER BY x.relname`,
    [LOADED],
  );
  return {
    keys: constraints.rows.filter((c) => c.type !== 'f' && LOADED.includes(c.table)),
    indexes: indexes.rows,
    foreignKeys: constraints.rows.filter((c) => c.type === 'f'),
  };
}

/** Identity columns hand out ids after the loaded ones, as if the rows had been inserted one by one. */
async function moveSequences(admin: pg.Client) {
  const { rows } = await admin.query<{ table: string; column: string }>(
    `SELECT table_name AS table, column_name AS column FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = ANY($1) AND is_identity = 'YES'`,
    [LOADED],
  );
  for (const { table, column } of rows) {
    await admin.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), max("${column}")) FROM "${table}" HAVING max("${column}") IS NOT NULL`,
      [`"${table}"`, column],
    );
  }
}
