import { copyFileSync, existsSync } from 'node:fs';
import Sqlite from 'better-sqlite3';

/**
 * Writes a consistent copy of the database to `file` while the server goes on writing: VACUUM INTO reads one
 * snapshot (a read transaction, which in WAL mode never waits for the writer nor makes it wait) and writes it
 * compacted. Restore: stop the server, put the copy in place of the database file (and remove any -wal and -shm
 * files beside it), start the server.
 */
export async function backUp(url: string, file: string): Promise<void> {
  if (existsSync(file)) throw new Error(`${file} exists: a backup never overwrites a file`);
  const sqlite = new Sqlite(url, { readonly: true, fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    sqlite.prepare('VACUUM INTO ?').run(file);
  } finally {
    sqlite.close();
  }
}

/** How to bring a backup back, for the script's message. */
export const restoreHint = (file: string, url: string) =>
  `Restore: stop the server, then copy ${file} to ${url} (removing ${url}-wal and ${url}-shm), and start it.`;

/** Brings a backup back as the database at `url`, which must not exist yet: a copy of the file. */
export async function restore(file: string, url: string): Promise<void> {
  if (existsSync(url)) throw new Error(`${url} exists: restore into a new file`);
  copyFileSync(file, url);
}
