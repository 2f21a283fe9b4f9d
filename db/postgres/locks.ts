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
