import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { TestEngine } from '../engine.ts';
import { openEngine } from './engine.ts';

/**
 * A fresh database of its own for one test on the server TEST_DATABASE_URL names, copied from a migrated
 * template (made once, by whichever test process comes first), and dropped on close.
 */
export async function openTestEngine(): Promise<TestEngine> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) throw new Error('TEST_DATABASE_URL names no PostgreSQL server');
  const template = await migratedTemplate(server);
  const name = `membership_test_${randomBytes(6).toString('hex')}`;
  await onServer(server, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
  const url = withDatabase(server, name);
  const engine = await openEngine({ url });
  return {
    ...engine,
    url,
    env: { DATABASE_URL: url },
    async close() {
      await engine.close();
      await onServer(server, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

let templateReady: Promise<string> | undefined;

function migratedTemplate(server: string): Promise<string> {
  templateReady ??= (async () => {
    // Named by the migrations it holds, so that a template is never migrated while tests copy it.
    const name = `membership_test_template_${migrationsDigest()}`;
    await onServer(server, async (admin) => {
      // One process at a time builds it; the others find it built.
      await admin.query('SELECT pg_advisory_lock(7202611)');
      try {
        const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (found.rowCount === 0) {
          // Templates of earlier migrations are of no more use.
          const stale = await admin.query<{ datname: string }>(
            "SELECT datname FROM pg_database WHERE datname LIKE 'membership_test_template_%'",
          );
          for (const { datname } of stale.rows) await admin.query(`DROP DATABASE ${datname} WITH (FORCE)`);
          await admin.query(`CREATE DATABASE ${name}`);
          const engine = await openEngine({ url: withDatabase(server, name) });
          await engine.close();
        }
      } finally {
        await admin.query('SELECT pg_advisory_unlock(7202611)');
      }
    });
    return name;
  })();
  return templateReady;
}

async function onServer<T>(server: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function withDatabase(server: string, database: string): string {
  const url = new URL(server);
  url.pathname = `/${database}`;
  return url.toString();
}

function migrationsDigest(): string {
  const folder = join(import.meta.dirname, 'migrations');
  const hash = createHash('sha256');
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith('.sql'))
    .sort()) {
    hash.update(readFileSync(join(folder, file)));
  }
  return hash.digest('hex').slice(0, 12);
}
