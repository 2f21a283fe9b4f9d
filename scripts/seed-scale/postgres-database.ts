// The PostgreSQL database a seed or a bench works on, made when it is missing (through the server's `postgres`
// database, as createdb does).
import pg from 'pg';

/** Where the benches and seed:scale go on PostgreSQL when no URL is given. */
export const BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/membership_bench';

export const isPostgresUrl = (url: string) => /^postgres(ql)?:/.test(url);

/** `url` with another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const other = new URL(url);
  other.pathname = `/${database}`;
  return other.toString();
}

/** The database's name, checked to be one that needs no quoting tricks. */
function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[A-Za-z_][\w$]*$/.test(name)) throw new Error(`Not a database name this script makes: "${name}"`);
  return name;
}

/**
 * Creates the database `url` names when the server has none of that name; with `fresh`, drops it first (and
 * whoever is connected to it). Resolves to whether it was created.
 */
export async function ensureDatabase(url: string, { fresh = false } = {}): Promise<boolean> {
  const name = databaseName(url);
  const admin = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await admin.connect();
  try {
    if (fresh) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount !== 0) return false;
    await admin.query(`CREATE DATABASE "${name}"`);
    return true;
  } finally {
    await admin.end();
  }
}

/** The database's size on disk, in bytes. */
export async function databaseBytes(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ bytes: string }>(
      'SELECT pg_database_size(current_database()) AS bytes',
    );
    return Number(rows[0]!.bytes);
  } finally {
    await client.end();
  }
}

/** Whether the database has been seeded: it has a members table with rows in it. */
export async function holdsMembers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table: string | null }>(
      `SELECT to_regclass('public.members') AS table`,
    );
    if (rows[0]!.table === null) return false;
    return (await client.query('SELECT 1 FROM members LIMIT 1')).rowCount !== 0;
  } finally {
    await client.end();
  }
}
