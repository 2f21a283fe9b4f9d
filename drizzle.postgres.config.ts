import { defineConfig } from 'drizzle-kit';

// PostgreSQL's migrations, generated from the same db/schema as SQLite's (ADR 0015). Run under the
// engine-postgres condition, so that the schema's columns are PostgreSQL's: npm run db:generate does.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema.ts',
  out: './db/postgres/migrations',
});
