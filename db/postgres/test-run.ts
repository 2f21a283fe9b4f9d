import pg from 'pg';

/**
 * Whether the test suite also runs on PostgreSQL (vite.config.ts): when TEST_DATABASE_URL names a server that
 * answers. Otherwise the run says why it is skipped, or, with REQUIRE_POSTGRES_TESTS=1 (CI), fails.
 */
export async function postgresRun(env: Record<string, string | undefined>) {
  const url = env.TEST_DATABASE_URL;
  const required = env.REQUIRE_POSTGRES_TESTS === '1';
  const skip = (why: string) => {
    if (required) throw new Error(`REQUIRE_POSTGRES_TESTS=1, but ${why}`);
    console.warn(`The PostgreSQL run is skipped: ${why}.`);
    return null;
  };
  if (!url) return skip('TEST_DATABASE_URL is not set (postgres://user@host:port/database)');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    return skip(`no PostgreSQL answers at TEST_DATABASE_URL (${(error as Error).message})`);
  } finally {
    await client.end().catch(() => {});
  }
  return { url, conditions: ['engine-postgres', 'module', 'node', 'development|production'] };
}
