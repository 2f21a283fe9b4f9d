// The --engine option of seed:scale and bench:checkout: which database a run is on. PostgreSQL's engine and
// schema load only under the engine-postgres condition (package.json "imports", ADR 0015), so a script asked for
// PostgreSQL runs itself again under it, and starts its children under it.
import { spawnSync } from 'node:child_process';

export type Dialect = 'sqlite' | 'postgres';

/** The --engine given, checked; `fallback` when none was. */
export function dialectOption(given: string | undefined, fallback: Dialect): Dialect {
  if (given === undefined) return fallback;
  if (given !== 'sqlite' && given !== 'postgres') throw new Error('--engine must be sqlite or postgres');
  return given;
}

/** The engine this process loaded. */
export const loadedDialect = (): Dialect =>
  import.meta.resolve('#db/dialect/engine').includes('/db/postgres/') ? 'postgres' : 'sqlite';

/** What node needs on its command line to load `dialect`'s engine. */
export const conditionArgs = (dialect: Dialect) =>
  dialect === 'postgres' ? ['--conditions=engine-postgres'] : [];

/**
 * When `dialect` is not the engine this process loaded, runs the script again (same arguments) under the right
 * condition and exits with its code; otherwise returns.
 */
export function rerunFor(dialect: Dialect, script: string): void {
  if (loadedDialect() === dialect) return;
  if (dialect === 'sqlite') {
    throw new Error('This process loaded the PostgreSQL engine: run it without --conditions=engine-postgres');
  }
  const run = spawnSync(
    process.execPath,
    [...conditionArgs(dialect), ...process.execArgv, script, ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  process.exit(run.status ?? 1);
}
