import { type Column, type Placeholder, sql } from 'drizzle-orm';

export { alias } from '#db/dialect/columns';
export { lockRows, skippingLocked } from '#db/dialect/locks';
export { prepared } from '#db/dialect/prepared';

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
