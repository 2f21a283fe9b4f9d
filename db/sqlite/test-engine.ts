import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestEngine } from '../engine.ts';
import { openEngine } from './engine.ts';

/** Where test databases live: memory when the machine has a tmpfs, so that the suite does not wait on the disk. */
const root = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

/** A fresh database of its own for one test, removed on close; `url` opens more engines on it. */
export async function openTestEngine(): Promise<TestEngine> {
  const dir = mkdtempSync(join(root, 'membership-test-'));
  const url = join(dir, 'test.db');
  const engine = await openEngine({ url });
  return {
    ...engine,
    url,
    env: { DATABASE_PATH: url },
    async close() {
      await engine.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
