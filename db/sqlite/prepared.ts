import type { Tx } from './engine.ts';

/**
 * A drizzle query built once per connection, then run with its placeholders filled in:
 *
 *   const memberById = prepared('member_by_id', (tx) =>
 *     tx.select().from(members).where(eq(members.id, sql.placeholder('id'))));
 *   const [member] = await memberById(tx).execute({ id: 42 });
 *
 * Building a query costs drizzle many times what SQLite takes to run it (30 times for a member's row), and a
 * purchase runs about twenty; so the counter's path runs prepared queries. The name is PostgreSQL's.
 */
export function prepared<Query extends { prepare(): unknown }>(
  _name: string,
  build: (tx: Tx) => Query,
): (tx: Tx) => ReturnType<Query['prepare']> {
  const built = new WeakMap<object, ReturnType<Query['prepare']>>();
  return (tx) => {
    const session = (tx as unknown as { session: object }).session;
    let query = built.get(session);
    if (query === undefined) {
      query = build(tx).prepare() as ReturnType<Query['prepare']>;
      built.set(session, query);
    }
    return query;
  };
}
