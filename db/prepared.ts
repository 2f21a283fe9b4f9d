import { type Column, type Placeholder, sql } from 'drizzle-orm';
import type { Db } from './client.ts';

/**
 * A drizzle query built once per database, then run with its placeholders filled in:
 *
 *   const memberById = prepared((db) =>
 *     db.select().from(members).where(eq(members.id, sql.placeholder('id'))).prepare());
 *   memberById(tx).get({ id: 42 });
 *
 * Building a query costs drizzle many times what SQLite takes to run it (30 times for a member's row), and a
 * purchase runs about twenty; so the counter's path runs prepared queries. A transaction shares its database's
 * connection, and with it the prepared query.
 */
export function prepared<Query>(build: (db: Db) => Query): (db: Db) => Query {
  const built = new WeakMap<object, Query>();
  return (db) => {
    const session = (db as unknown as { session: object }).session;
    let query = built.get(session);
    if (query === undefined) {
      query = build(db);
      built.set(session, query);
    }
    return query;
  };
}

/** `{ name: sql.placeholder('name'), ... }`: the values of a prepared insert, filled in when it runs. */
export function placeholders<Name extends string>(...names: Name[]): Record<Name, Placeholder<Name>> {
  return Object.fromEntries(names.map((name) => [name, sql.placeholder(name)])) as Record<
    Name,
    Placeholder<Name>
  >;
}

/**
 * A placeholder in an update's `set()`. drizzle encodes it as the column (a Date as the column stores it) like
 * any value there, though its types admit only values.
 */
export const settable = <Value>(name: string) => sql.placeholder(name) as unknown as Value;

/**
 * A placeholder compared with a column (`lte(lots.expiresAt, placeholderAs(lots.expiresAt, 'now'))`), filled in
 * as the column encodes its values: drizzle passes a bare placeholder in a condition to SQLite unencoded, and
 * SQLite cannot take a Date.
 */
export const placeholderAs = (column: Column, name: string) => sql.param(sql.placeholder(name), column);
