import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startCheckpointer } from './checkpointer.ts';
import { type Connection, openConnection } from './connection.ts';

let dir: string;
let file: string;
let db: Connection;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'checkpointer-'));
  file = join(dir, 'shop.db');
  db = openConnection(file);
});

afterEach(() => {
  db.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const write = (rows: number) => {
  db.$client.exec('CREATE TABLE IF NOT EXISTS filler (text TEXT)');
  const insert = db.$client.prepare('INSERT INTO filler VALUES (?)');
  // One commit, a page a row.
  db.$client.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run('x'.repeat(4000));
  })();
};
const fileSize = () => statSync(file).size;

it('stops the connections checkpointing themselves, and checkpoints once more when stopped', async () => {
  const checkpointer = startCheckpointer(file, [db], { everyMs: 60_000 });
  expect(db.$client.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
  const before = fileSize();
  write(1500); // past the 1,000 pages at which the connection would have checkpointed itself
  expect(fileSize()).toBe(before);
  await checkpointer.stop();
  expect(fileSize()).toBeGreaterThan(before + 1400 * 4096);
  expect(db.$client.prepare('SELECT count(*) FROM filler').pluck().get()).toBe(1500);
});

it('copies committed pages into the file from its own thread, every so often', async () => {
  const checkpointer = startCheckpointer(file, [db], { everyMs: 50 });
  const before = fileSize();
  write(1500);
  const checkpointed = () => fileSize() > before + 1400 * 4096;
  // However slow the machine: the test's own timeout is the bound.
  while (!checkpointed()) await sleep(50);
  await checkpointer.stop();
});
