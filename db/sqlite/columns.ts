// The column types of the schema (db/schema/*.ts) on SQLite; db/postgres/columns.ts has the same names on
// PostgreSQL. The schema imports them as '#db/dialect/columns' and package.json picks the file (ADR 0015).
import { blob, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export { alias, index, integer, primaryKey, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const table = sqliteTable;

/** A row ID the database hands out (1, 2, 3…), never reused. */
export const id = (name: string) => integer(name).primaryKey({ autoIncrement: true });

export const boolean = (name: string) => integer(name, { mode: 'boolean' });

/** Times are stored as UTC milliseconds since the epoch; the pages show them in Asia/Taipei. */
export const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });

/** A JSON document. */
export const json = <Value>(name: string) => text(name, { mode: 'json' }).$type<Value>();

/** Bytes kept as they came (a chat image, a file). */
export const bytes = (name: string) => blob(name, { mode: 'buffer' });
