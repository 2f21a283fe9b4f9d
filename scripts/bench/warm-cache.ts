// The database read through once before a bench, so that it is in the OS's cache as on a server that has been
// running: the first run after a reboot otherwise measures the disk, not the product.
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import pg from 'pg';

export async function warmCache(url: string): Promise<void> {
  if (/^postgres(ql)?:/.test(url)) await prewarm(url);
  else readThrough(url);
}

/** The SQLite file and its WAL, read to the end. */
function readThrough(path: string): void {
  const buffer = Buffer.allocUnsafe(8 << 20);
  for (const file of [path, `${path}-wal`].filter(existsSync)) {
    const fd = openSync(file, 'r');
    while (readSync(fd, buffer) > 0);
    closeSync(fd);
  }
}

/** Every table and index of the database read by pg_prewarm (PostgreSQL's contrib), if the server has it. */
async function prewarm(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
    await client.query(
      `SELECT pg_prewarm(c.oid, 'read') FROM pg_class c
       WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i')`,
    );
  } catch (error) {
    console.warn(`The database is not read through first (${(error as Error).message})`);
  } finally {
    await client.end();
  }
}
