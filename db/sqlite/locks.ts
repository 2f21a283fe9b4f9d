import type { SQL } from 'drizzle-orm';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Tx } from './engine.ts';

/**
 * Locks the rows `where` picks until the transaction ends (PostgreSQL's SELECT … FOR UPDATE). On SQLite there is
 * nothing to do: a write holds the database's one write lock from its first statement to its commit.
 */
export async function lockRows(_tx: Tx, _table: SQLiteTable, _where: SQL | undefined): Promise<void> {}

/** Rows of work that instances claim: on SQLite the claiming write holds the write lock, so nothing to add. */
export const skippingLocked = <Query>(query: Query): Query => query;
