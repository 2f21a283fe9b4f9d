import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';

/**
 * Writes a consistent copy of the database to `file` with PostgreSQL's own pg_dump (custom format: one
 * REPEATABLE READ snapshot, taken while instances go on writing). pg_dump must be on PATH, of the server's
 * major version or newer.
 */
export async function backUp(url: string, file: string): Promise<void> {
  if (existsSync(file)) throw new Error(`${file} exists: a backup never overwrites a file`);
  await promisify(execFile)('pg_dump', [
    '--format=custom',
    '--no-owner',
    `--file=${file}`,
    `--dbname=${url}`,
  ]);
}

/** How to bring a backup back, for the script's message. */
export const restoreHint = (file: string, _url: string) =>
  `Restore into an empty database: createdb membership_restored && pg_restore --no-owner --dbname=postgres://…/membership_restored ${file}; then point DATABASE_URL at it.`;

/** Brings a backup back into the empty database at `url` (created beforehand) with pg_restore. */
export async function restore(file: string, url: string): Promise<void> {
  await promisify(execFile)('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${url}`, file]);
}
