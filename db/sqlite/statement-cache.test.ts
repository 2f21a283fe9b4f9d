import Sqlite from 'better-sqlite3';
import { expect, it } from 'vitest';
import { cacheStatements } from './statement-cache.ts';

const open = () => {
  const sqlite = new Sqlite(':memory:');
  cacheStatements(sqlite);
  sqlite.exec("CREATE TABLE stores (code TEXT); INSERT INTO stores VALUES ('TPE01')");
  return sqlite;
};

it('compiles a statement once and hands it back in its default mode', () => {
  const sqlite = open();
  const first = sqlite.prepare('SELECT code FROM stores');
  expect(first.raw().get()).toEqual(['TPE01']); // as drizzle reads rows
  const again = sqlite.prepare('SELECT code FROM stores');
  expect(again).toBe(first);
  expect(again.get()).toEqual({ code: 'TPE01' });
  expect(sqlite.prepare('SELECT code FROM stores').pluck().get()).toBe('TPE01');
  expect(sqlite.prepare('SELECT code FROM stores').get()).toEqual({ code: 'TPE01' });
  // Statements that return nothing have no modes to reset.
  const insert = sqlite.prepare("INSERT INTO stores VALUES ('KHH01')");
  expect(sqlite.prepare("INSERT INTO stores VALUES ('KHH01')")).toBe(insert);
});

it('keeps at most 500 statements, letting go of the least recently used', () => {
  const sqlite = open();
  const kept = sqlite.prepare('SELECT 0');
  const oldest = sqlite.prepare('SELECT -1');
  for (let i = 1; i < 500; i++) {
    sqlite.prepare(`SELECT ${i}`);
    if (i % 100 === 0) sqlite.prepare('SELECT 0'); // used again: stays
  }
  expect(sqlite.prepare('SELECT 0')).toBe(kept);
  expect(sqlite.prepare('SELECT -1')).not.toBe(oldest);
});
