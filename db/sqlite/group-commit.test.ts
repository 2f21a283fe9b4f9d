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
const synchronous = () => db.$client.pragma('synchronous', { simple: true });

describe('group commit', () => {
  it('commits the writes of one turn together, each answered only once all are stored', async () => {
    const writes = createGroupCommit(db);
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
    const writes = createGroupCommit(db);
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
    const writes = createGroupCommit(db);
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
    const writes = createGroupCommit(db);
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

  it('syncs fully unless every write of the batch is relaxed', async () => {
    const writes = createGroupCommit(db);
    await writes.run((tx) => openStore(tx, 'A'), { durability: 'relaxed' });
    expect(synchronous()).toBe(1); // NORMAL
    await Promise.all([
      writes.run((tx) => openStore(tx, 'B'), { durability: 'relaxed' }),
      writes.run((tx) => openStore(tx, 'C')),
    ]);
    expect(synchronous()).toBe(2); // FULL
  });

  it('tells when nothing waits any more, and a later turn makes a new commit', async () => {
    const writes = createGroupCommit(db);
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
