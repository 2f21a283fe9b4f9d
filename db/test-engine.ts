// Tests open their database here: SQLite in a fresh file, or, in the suite's PostgreSQL run, a fresh database
// on the server TEST_DATABASE_URL names (ADR 0015).
export { openTestEngine } from '#db/dialect/test-engine';
