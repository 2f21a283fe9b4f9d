import { EventEmitter } from 'node:events';
import { open } from 'node:fs/promises';
import type Sqlite from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import type { Engine, EngineOptions, Topic } from '../engine.ts';
import type * as schema from '../schema.ts';
import { startCheckpointer } from './checkpointer.ts';
import { committedMigrations, migrateConnection, openConnection } from './connection.ts';
import { createGroupCommit } from './group-commit.ts';
import { serialReads } from './serial-reads.ts';

/** What domain functions take on SQLite: a connection inside the transaction the engine opened. */
export type Tx = BaseSQLiteDatabase<'sync', Sqlite.RunResult, typeof schema>;

/**
 * The embedded engine: one database file, one writer connection that only the group commit uses, one reader
 * connection for `read`, and a thread that checkpoints the WAL (ADR 0013). One process writes at a time; a
 * script beside the server waits for the lock. Topics are signalled within this process.
 */
export async function openEngine({ url }: EngineOptions): Promise<Engine> {
  if (/^postgres(ql)?:/.test(url)) {
    throw new Error(
      'DATABASE_URL names PostgreSQL, but this process loaded the SQLite engine: start it with npm start, or with node --import ./db/select-engine.ts',
    );
  }
  const writer = openConnection(url);
  migrateConnection(writer);
  const reader = openConnection(url, { readOnly: true });
  // The writer keeps the WAL file open, and with it this handle's file: its sync is the commit's (ADR 16).
  const wal = await open(`${url}-wal`, 'r');
  const commits = createGroupCommit(writer, () => wal.datasync());
  const reads = serialReads(reader, commits.unsynced);
  const checkpointer = startCheckpointer(url, [writer, reader], {
    onError: (error) => console.error('The WAL checkpointer stopped; the server checkpoints itself:', error),
  });
  const topics = new EventEmitter<Record<Topic, []>>();
  topics.setMaxListeners(0);
  return {
    dialect: 'sqlite',
    file: url,
    write: (work, options) => commits.run(work, options),
    read: (work) => reads.run(work),
    busy: commits.busy,
    quiet: commits.quiet,
    signal: (topic) => void topics.emit(topic),
    listen(topic, wake) {
      topics.on(topic, wake);
      return () => topics.off(topic, wake);
    },
    async isReady() {
      try {
        return await reads.run(async (tx) => {
          const row = tx.get<{ applied: number }>(sql`SELECT count(*) AS applied FROM __drizzle_migrations`);
          return row.applied === committedMigrations;
        });
      } catch {
        return false;
      }
    },
    async close() {
      await commits.close();
      await reads.close();
      await wal.close();
      await checkpointer.stop();
      reader.$client.close();
      writer.$client.close();
    },
  };
}
