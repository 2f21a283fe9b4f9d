// The column types of the schema (db/schema/*.ts) on PostgreSQL; db/sqlite/columns.ts has the same names on
// SQLite. The schema imports them as '#db/dialect/columns' and package.json picks the file (ADR 0015).
import {
  customType,
  integer,
  jsonb,
  boolean as pgBoolean,
  pgTable,
  timestamp as pgTimestamp,
} from 'drizzle-orm/pg-core';

export { alias, index, integer, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';

export const table = pgTable;

/** A row ID the database hands out (1, 2, 3…); an import may still give its own. */
export const id = (name: string) => integer(name).primaryKey().generatedByDefaultAsIdentity();

export const boolean = (name: string) => pgBoolean(name);

/** A point in time to the millisecond, as SQLite keeps it; the pages show it in Asia/Taipei. */
export const timestamp = (name: string) =>
  pgTimestamp(name, { withTimezone: true, mode: 'date', precision: 3 });

/** A JSON document. */
export const json = <Value>(name: string) => jsonb(name).$type<Value>();

/** Bytes kept as they came (a chat image, a file). */
export const bytes = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
