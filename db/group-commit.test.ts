import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, type Db, openDatabase } from './client.ts';
import { createGroupCommit } from './group-commit.ts';
import { stores } from './schema.ts';

let dir: string;
let db: Database;
let other: Database;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
  db = openDatabase(join(dir, 'shop.db'));
  other = openDatabase(join(dir, 'shop.db'));
});

afterEach(() => {
  db.$client.close();
  other.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const openStore = (tx: Db, code: string) =>
  tx.insert(stores).values({ code, name: code, createdAt: new Date() }).run();
const storeCodes = (from: typeof db) =>
  from
    .select({ code: stores.code })
    .from(stores)
    .all()
    .map((s) => s.code);

describe('group commit', () => {
  it('commits the writes of one turn together, each answered only once all are stored', async () => {
    const writes = createGroupCommit(db);
    const seenByOtherConnection: string[][] = [];
    const answers = ['A', 'B', 'C'].map((code) =>
      writes.run((tx) => {
        openStore(tx, code);
        seenByOtherConnection.push(storeCodes(other));
        return code;
      }),
    );
    expect(writes.busy()).toBe(true);
    expect(await Promise.all(answers)).toEqual(['A', 'B', 'C']);
    // Nothing was visible to another connection before the last write of the batch: one transaction.
    expect(seenByOtherConnection).toEqual([[], [], []]);
    expect(storeCodes(other)).toEqual(['A', 'B', 'C']);
    expect(writes.busy()).toBe(false);
  });

  it('rolls back a write that throws, alone, and rejects only its answer', async () => {
    const writes = createGroupCommit(db);
    const first = writes.run((tx) => openStore(tx, 'A'));
    const failing = writes.run((tx) => {
      openStore(tx, 'B');
      throw new Error('refused');
    });
    const duplicate = writes.run((tx) => openStore(tx, 'A')); // the code is unique
    const last = writes.run((tx) => openStore(tx, 'C'));
    await expect(failing).rejects.toThrow('refused');
    await expect(duplicate).rejects.toThrow(/UNIQUE/);
    await Promise.all([first, last]);
    expect(storeCodes(other)).toEqual(['A', 'C']);
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
    expect(other.select().from(stores).where(eq(stores.code, 'B')).get()).toBeDefined();
  });
});
