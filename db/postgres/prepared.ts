import type { Tx } from './engine.ts';

/**
 * A drizzle query run as a named prepared statement: PostgreSQL parses and plans it once per connection. drizzle
 * binds a prepared query to the connection of the transaction at hand, so it is built for each transaction.
 */
export function prepared<Query extends { prepare(name: string): unknown }>(
  name: string,
  build: (tx: Tx) => Query,
): (tx: Tx) => ReturnType<Query['prepare']> {
  return (tx) => build(tx).prepare(name) as ReturnType<Query['prepare']>;
}
