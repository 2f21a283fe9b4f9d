// npm run db:backup [-- FILE]: a consistent copy of the configured database (DATABASE_URL, else DATABASE_PATH),
// taken while the server goes on writing: SQLite's VACUUM INTO, or pg_dump on PostgreSQL. The README says how to
// restore it. Without FILE: ./data/backups/membership-<UTC time>.(db|dump).
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { backUp, restoreHint } from '#db/dialect/backup';
import { ConfigError, loadConfig } from '../bot/config.ts';

try {
  const { databaseUrl } = loadConfig(process.env);
  const postgres = /^postgres(ql)?:/.test(databaseUrl);
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, 'Z');
  const file = process.argv[2] ?? join('data', 'backups', `membership-${stamp}.${postgres ? 'dump' : 'db'}`);
  mkdirSync(dirname(file), { recursive: true });
  await backUp(databaseUrl, file);
  console.log(`Backed up to ${file}.\n${restoreHint(file, databaseUrl)}`);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Backup failed: ${(error as Error).message}`);
  process.exit(1);
}
