import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Engine, openEngine, type Tx } from './engine.ts';
import { lockRows } from './prepared.ts';
import { stores } from './schema.ts';
import { openTestEngine } from './test-engine.ts';

// The seam every use case goes through (ADR 0015), on whichever engine this run resolves: SQLite, or
// PostgreSQL in the suite's PostgreSQL run.
let engine: Engine & { url: string };
beforeEach(async () => {
  engine = await openTestEngine();
});
afterEach(() => engine.close());

const openStore = async (tx: Tx, code: string, name = code) =>
  (await tx.insert(stores).values({ code, name, createdAt: new Date() }).returning())[0]!;
const storeCodes = () =>
  engine.read(async (tx) => (await tx.select({ code: stores.code }).from(stores)).map((s) => s.code).sort());

describe('the engine', () => {
  it('answers a write once it is committed, and reads see it then', async () => {
    const store = await engine.write((tx) => openStore(tx, 'TPE01'));
    expect(store.code).toBe('TPE01');
    expect(await storeCodes()).toEqual(['TPE01']);
  });

  it('rolls back a write that throws, alone', async () => {
    const results = await Promise.allSettled([
      engine.write((tx) => openStore(tx, 'A')),
      engine.write(async (tx) => {
        await openStore(tx, 'B');
        throw new Error('refused');
      }),
      engine.write((tx) => openStore(tx, 'C'), { durability: 'relaxed' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await storeCodes()).toEqual(['A', 'C']);
  });

  it('never lets a read see a write that is not committed', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedSignal = new Promise<void>((resolve) => (inserted = resolve));
    const write = engine.write(async (tx) => {
      await openStore(tx, 'HELD');
      inserted();
      await held; // a transaction kept open across turns of the event loop
    });
    await insertedSignal;
    expect(await storeCodes()).toEqual([]);
    release();
    await write;
    expect(await storeCodes()).toEqual(['HELD']);
  });

  it('keeps a read-modify-write whole when many run at once, with the row locked', async () => {
    const store = await engine.write((tx) => openStore(tx, 'COUNT', '0'));
    const bump = () =>
      engine.write(async (tx) => {
        await lockRows(tx, stores, eq(stores.id, store.id));
        const [row] = await tx.select({ name: stores.name }).from(stores).where(eq(stores.id, store.id));
        await tx
          .update(stores)
          .set({ name: String(Number(row!.name) + 1) })
          .where(eq(stores.id, store.id));
      });
    await Promise.all(Array.from({ length: 25 }, bump));
    const [row] = await engine.read((tx) => tx.select().from(stores).where(eq(stores.id, store.id)));
    expect(row!.name).toBe('25');
  });

  it('runs a write again when another took its unique key first, so that it finds the winner', async () => {
    const openOnce = () =>
      engine.write(async (tx) => {
        const [found] = await tx.select().from(stores).where(eq(stores.code, 'ONCE'));
        if (found) return { store: found, replayed: true };
        // Give the other write every chance to pass the same check before either inserts.
        await tx.select({ one: sql`1` }).from(stores).limit(1);
        return { store: await openStore(tx, 'ONCE'), replayed: false };
      });
    const answers = await Promise.all(Array.from({ length: 8 }, openOnce));
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.store.id)).size).toBe(1);
  });

  it('wakes the listeners of a topic, in this instance and in another one on the same database', async () => {
    const other = await openEngine({ url: engine.url });
    try {
      const heard = (e: Engine) =>
        new Promise<void>((resolve) => {
          const stop = e.listen('member_notices', () => {
            stop();
            resolve();
          });
        });
      const here = heard(engine);
      const there = engine.dialect === 'postgres' ? heard(other) : Promise.resolve();
      // LISTEN is issued as the first listener is added: give it a round trip before the signal.
      await other.isReady();
      await engine.isReady();
      engine.signal('member_notices');
      await Promise.all([here, there]);
    } finally {
      await other.close();
    }
  });

  it('is ready once every migration is applied', async () => {
    expect(await engine.isReady()).toBe(true);
  });
});
