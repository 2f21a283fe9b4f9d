import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stores } from '../schema.ts';
import { type Connection, migrateConnection, openConnection } from './connection.ts';
import { createGroupCommit } from './group-commit.ts';

let dir: string;
let db: Connection;
let other: Connection;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
  db = openConnection(join(dir, 'shop.db'));
  migrateConnection(db);
  other = openConnection(join(dir, 'shop.db'));
});

afterEach(() => {
  db.$client.close();
  other.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const openStore = async (tx: Connection, code: string) => {
  await tx.insert(stores).values({ code, name: code, createdAt: new Date() });
};
const storeCodes = async (from: Connection) =>
  (await from.select({ code: stores.code }).from(stores)).map((s) => s.code);
/** A WAL sync the test finishes by hand, counting how often the group commit asked for one. */
function manualSync() {
  const pending: (() => void)[] = [];
  const failing: ((error: Error) => void)[] = [];
  return {
    sync: () =>
      new Promise<void>((resolve, reject) => {
        pending.push(resolve);
        failing.push(reject);
      }),
    asked: () => pending.length,
    finish: (i: number) => pending[i]!(),
    fail: (i: number) => failing[i]!(new Error('EIO')),
  };
}
const instantSync = () => Promise.resolve();

describe('group commit', () => {
  it('commits the writes of one turn together, each answered only once all are stored', async () => {
    const writes = createGroupCommit(db, instantSync);
    const seenByOtherConnection: string[][] = [];
    const answers = ['A', 'B', 'C'].map((code) =>
      writes.run(async (tx) => {
        await openStore(tx, code);
        seenByOtherConnection.push(await storeCodes(other));
        return code;
      }),
    );
    expect(writes.busy()).toBe(true);
    expect(await Promise.all(answers)).toEqual(['A', 'B', 'C']);
    // Nothing was visible to another connection before the last write of the batch: one transaction.
    expect(seenByOtherConnection).toEqual([[], [], []]);
    expect(await storeCodes(other)).toEqual(['A', 'B', 'C']);
    expect(writes.busy()).toBe(false);
  });

  it('runs the writes of a batch one after the other, even when they await', async () => {
    const writes = createGroupCommit(db, instantSync);
    const steps: string[] = [];
    const write = (name: string) =>
      writes.run(async (tx) => {
        steps.push(`${name} starts`);
        await openStore(tx, name);
        await Promise.resolve();
        steps.push(`${name} ends`);
      });
    await Promise.all([write('A'), write('B')]);
    expect(steps).toEqual(['A starts', 'A ends', 'B starts', 'B ends']);
  });

  it('rolls back a write that throws, alone, and rejects only its answer', async () => {
    const writes = createGroupCommit(db, instantSync);
    const first = writes.run((tx) => openStore(tx, 'A'));
    const failing = writes.run(async (tx) => {
      await openStore(tx, 'B');
      throw new Error('refused');
    });
    const duplicate = writes.run((tx) => openStore(tx, 'A')); // the code is unique
    const last = writes.run((tx) => openStore(tx, 'C'));
    await expect(failing).rejects.toThrow('refused');
    await expect(duplicate).rejects.toThrow(/UNIQUE/);
    await Promise.all([first, last]);
    expect(await storeCodes(other)).toEqual(['A', 'C']);
  });

  it('writes handed in while a batch runs go in the next one', async () => {
    const writes = createGroupCommit(db, instantSync);
    let later: Promise<void> | undefined;
    let seenInFirst: string[] = [];
    await writes.run(async (tx) => {
      await openStore(tx, 'A');
      later = writes.run(async (tx2) => {
        await openStore(tx2, 'B');
        seenInFirst = await storeCodes(other);
      });
    });
    await later;
    // A was committed before B's batch began.
    expect(seenInFirst).toEqual(['A']);
  });

  it('answers a write only once the WAL is synced, and commits the next batch meanwhile', async () => {
    const wal = manualSync();
    const writes = createGroupCommit(db, wal.sync);
    let firstAnswered = false;
    const first = writes.run((tx) => openStore(tx, 'A')).then(() => (firstAnswered = true));
    while (wal.asked() === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(await storeCodes(other)).toEqual(['A']); // committed, not yet answered
    expect(writes.unsynced()).not.toBeNull();
    const second = writes.run((tx) => openStore(tx, 'B'));
    while (wal.asked() === 1) await new Promise((resolve) => setImmediate(resolve));
    expect(await storeCodes(other)).toEqual(['A', 'B']); // the loop was not held up by the first sync
    expect(firstAnswered).toBe(false);
    expect(writes.busy()).toBe(true);
    wal.finish(1);
    await second;
    wal.finish(0);
    await first;
    expect(writes.unsynced()).toBeNull();
    expect(writes.busy()).toBe(false);
  });

  it('answers relaxed writes without waiting for a sync, and fails a batch whose sync fails', async () => {
    const wal = manualSync();
    const writes = createGroupCommit(db, wal.sync);
    await writes.run((tx) => openStore(tx, 'A'), { durability: 'relaxed' });
    expect(wal.asked()).toBe(0);
    const durable = writes.run((tx) => openStore(tx, 'B'));
    while (wal.asked() === 0) await new Promise((resolve) => setImmediate(resolve));
    wal.fail(0);
    await expect(durable).rejects.toThrow('could not be synced');
  });

  it('tells when nothing waits any more, and a later turn makes a new commit', async () => {
    const writes = createGroupCommit(db, instantSync);
    await writes.quiet(); // nothing waits
    void writes.run((tx) => openStore(tx, 'A'));
    let quiet = false;
    const settled = writes.quiet().then(() => (quiet = true));
    expect(quiet).toBe(false);
    await settled;
    await writes.run((tx) => openStore(tx, 'B'));
    await writes.close();
    expect(await other.select().from(stores).where(eq(stores.code, 'B'))).toHaveLength(1);
  });
});
