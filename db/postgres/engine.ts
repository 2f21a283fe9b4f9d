import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { drizzle, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import pg from 'pg';
import type { Engine, EngineOptions, Topic } from '../engine.ts';
import * as schema from '../schema.ts';
import { errorCode } from './errors.ts';

/** What domain functions take on PostgreSQL: a transaction the engine opened. */
export type Tx = PgDatabase<NodePgQueryResultHKT, typeof schema>;

const migrationsFolder = join(import.meta.dirname, 'migrations');
const committedMigrations = (
  JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] }
).entries.length;

/** Any number will do, as long as nothing else in the database takes the same advisory lock. */
const MIGRATION_LOCK = 7_202_611_29;
/** serialization_failure, deadlock_detected, unique_violation: the transaction lost a race and runs again. */
const RETRIED = new Set(['40001', '40P01', '23505']);
const ATTEMPTS = 5;

/**
 * The engine for several instances on one PostgreSQL database. Each write is a READ COMMITTED transaction of
 * its own on a pooled connection; what SQLite's single writer gave for free, the domain asks for with row
 * locks and single statements (ADR 0015). A write that loses a race (a deadlock, or a unique key another
 * instance took first) runs again from the start, where it sees the winner's rows: an idempotency key then
 * replays the first answer. Topics are PostgreSQL's NOTIFY, heard by every instance on one listening connection.
 */
export async function openEngine({ url }: EngineOptions): Promise<Engine> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // Relaxed writes (ADR 3) on connections that do not wait for the WAL flush at commit.
  const relaxedPool = new pg.Pool({ connectionString: url, max: 4, options: '-c synchronous_commit=off' });
  let closing = false;
  for (const each of [pool, relaxedPool]) {
    each.on('error', (error) => {
      if (!closing) console.error('A pooled PostgreSQL connection failed:', error);
    });
  }
  const db = drizzle({ client: pool, schema });
  const relaxedDb = drizzle({ client: relaxedPool, schema });
  await migrateUnderLock(pool);
  const listener = await listenTo(url);

  async function write<T>(work: (tx: Tx) => Promise<T>, options: { durability?: 'full' | 'relaxed' } = {}) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await (options.durability === 'relaxed' ? relaxedDb : db).transaction(work);
      } catch (error) {
        if (attempt >= ATTEMPTS || !RETRIED.has(errorCode(error) ?? '')) throw error;
        await sleep(Math.random() * 5 * 2 ** attempt);
      }
    }
  }

  return {
    dialect: 'postgres',
    write,
    read: (work) => db.transaction(work, { isolationLevel: 'repeatable read', accessMode: 'read only' }),
    busy: () => false,
    quiet: () => Promise.resolve(),
    signal(topic) {
      // This instance at once; the others through NOTIFY, which this instance's listener then passes over.
      listener.wakeHere(topic);
      void pool.query('SELECT pg_notify($1, $2)', [topic, listener.instance]).catch(() => {});
    },
    listen: listener.listen,
    async isReady() {
      try {
        await listener.listening();
        const { rows } = await pool.query(
          'SELECT count(*)::int AS applied FROM drizzle.__drizzle_migrations',
        );
        return rows[0].applied === committedMigrations;
      } catch {
        return false;
      }
    },
    async close() {
      closing = true;
      await listener.close();
      await Promise.all([pool.end(), relaxedPool.end()]);
    },
  };
}

/** Instances starting together migrate one at a time: the others wait for the lock, then find nothing to do. */
async function migrateUnderLock(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle({ client, schema }), { migrationsFolder });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** One connection of its own LISTENs to every topic and wakes this instance's listeners. */
async function listenTo(url: string) {
  const wakers = new Map<string, Set<() => void>>();
  const instance = randomUUID();
  const wakeHere = (topic: string) => {
    for (const wake of wakers.get(topic) ?? []) wake();
  };
  let ended = false;
  let listening: Promise<unknown> = Promise.resolve();
  const client = new pg.Client({ connectionString: url });
  client.on('error', (error) => {
    if (!ended) console.error('The PostgreSQL LISTEN connection failed:', error);
  });
  client.on('notification', ({ channel, payload }) => {
    if (payload !== instance) wakeHere(channel);
  });
  await client.connect();
  return {
    listen(topic: Topic, wake: () => void) {
      let set = wakers.get(topic);
      if (!set) {
        set = new Set();
        wakers.set(topic, set);
        // One statement at a time on this connection.
        listening = listening.then(() => client.query(`LISTEN ${topic}`)).catch(() => {});
      }
      set.add(wake);
      return () => set.delete(wake);
    },
    instance,
    wakeHere,
    /** Resolves once every LISTEN asked for so far is in place. */
    listening: () => listening.then(() => {}),
    close: async () => {
      ended = true;
      await listening;
      await client.end();
    },
  };
}
