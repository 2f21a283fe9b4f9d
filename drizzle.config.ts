import { defineConfig } from 'drizzle-kit';

// npm run db:generate writes each dialect's next migration from db/schema (ADR 0015): this file for SQLite,
// drizzle.postgres.config.ts (under the engine-postgres condition) for PostgreSQL.
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './db/sqlite/migrations',
});
