import type Sqlite from 'better-sqlite3';

/** Distinct statements kept compiled; queries with lists of varying length make new ones, so the cache is capped. */
const CAPACITY = 500;

/**
 * Makes `sqlite.prepare` hand back the statement it compiled last time for the same SQL. drizzle prepares every
 * query it runs, and compiling costs SQLite more than running the short statements of a purchase (about 40 of them
 * a checkout). A statement comes back in its default mode: drizzle switches some to `raw()` (rows as arrays), and
 * the next user of the same SQL may not want that. Least recently used statements are let go first.
 */
export function cacheStatements(sqlite: Sqlite.Database): void {
  const compile = sqlite.prepare.bind(sqlite);
  const cache = new Map<string, Sqlite.Statement>();
  sqlite.prepare = ((source: string) => {
    let statement = cache.get(source);
    if (statement) {
      cache.delete(source);
      if (statement.reader) statement.raw(false).pluck(false).expand(false);
    } else {
      statement = compile(source);
      if (cache.size >= CAPACITY) cache.delete(cache.keys().next().value!);
    }
    cache.set(source, statement);
    return statement;
  }) as typeof sqlite.prepare;
}
