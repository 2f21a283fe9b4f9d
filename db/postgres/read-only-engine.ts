import type { Engine } from '../engine.ts';

/**
 * PostgreSQL has no file for a thread to open: its reads already leave the event loop for the server's pool, so
 * the dashboard reads in-process there (ADR 0034). The SQLite twin (db/sqlite/read-only-engine.ts) is the real one.
 */
export function openReadOnlyEngine(_file: string): Engine {
  throw new Error('PostgreSQL reads in-process: there is no database file to open read-only');
}
