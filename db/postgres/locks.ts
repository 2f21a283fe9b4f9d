import { type SQL, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Tx } from './engine.ts';

/**
 * Locks the rows `where` picks until the transaction ends (SELECT … FOR UPDATE): another instance's write that
 * wants them waits, then reads what this one committed. What SQLite's single writer gives for free.
 */
export async function lockRows(tx: Tx, table: PgTable, where: SQL | undefined): Promise<void> {
  await tx.select({ one: sql`1` }).from(table).where(where).for('update');
}

/**
 * Rows of work that instances claim (webhook events, member notices): locked for the claiming transaction, and
 * rows another instance is claiming at that moment are passed over rather than waited for (SKIP LOCKED).
 */
export function skippingLocked<
  Query extends { for(strength: 'update', config: { skipLocked: true }): unknown },
>(query: Query) {
  return query.for('update', { skipLocked: true }) as Query;
}
