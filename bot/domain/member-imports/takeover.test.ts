import { and, count, eq, like } from 'drizzle-orm';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Engine } from '../../../db/engine.ts';
import { jobRuns, memberImports, members, pointsLedger } from '../../../db/schema.ts';
import { openTestEngine } from '../../../db/test-engine.ts';
import { commandLine } from '../actor.ts';
import { previewImport } from './preview.ts';
import { IMPORT_BATCH, IMPORT_LEASE_MS, runNextImport, startImport } from './run.ts';

let engine: Engine;
beforeEach(async () => {
  engine = await openTestEngine();
});
afterEach(() => engine.close());

const now = new Date('2026-11-30T02:00:00Z');
const after = (ms: number) => () => new Date(now.getTime() + ms);

/** A started import of 450 good rows: three batches, each with an opening balance. */
async function startedImport(): Promise<number> {
  const lines = Array.from({ length: 450 }, (_, i) => `09${String(20_000_000 + i)},會員${i},,,10`);
  const bytes = Buffer.from(['phone,name,birthday,home store code,opening points', ...lines].join('\n'));
  const preview = await previewImport(engine, { bytes, fileName: 'shops.csv' }, commandLine, now);
  const { id } = preview.memberImport;
  expect(preview.memberImport).toMatchObject({ rows: 450, invalidRows: 0 });
  await startImport(engine, id, commandLine, now);
  return id;
}

const importRow = async (id: number) =>
  (await engine.read((tx) => tx.select().from(memberImports).where(eq(memberImports.id, id))))[0]!;
const counted = async () => {
  const [imported] = await engine.read((tx) =>
    tx.select({ n: count() }).from(members).where(eq(members.source, 'import')),
  );
  const [opening] = await engine.read((tx) =>
    tx.select({ n: count() }).from(pointsLedger).where(like(pointsLedger.idempotencyKey, 'import:%')),
  );
  return { members: imported!.n, openingEntries: opening!.n };
};

it('takes over an import whose instance died mid-run once its lease runs out, and applies every row once', async () => {
  const id = await startedImport();
  // Instance A applies its first batch, then dies before the second: no settle, its lease left standing.
  let looks = 0;
  const dying = {
    worker: 'instance-a',
    now: () => {
      if (++looks > 2) throw new Error('instance A died');
      return now;
    },
  };
  await expect(runNextImport(engine, dying)).rejects.toThrow('instance A died');
  expect(await importRow(id)).toMatchObject({ status: 'running', processedRows: IMPORT_BATCH });
  expect(await counted()).toEqual({ members: IMPORT_BATCH, openingEntries: IMPORT_BATCH });

  // Instance B, within A's lease: the run is A's, nothing moves.
  expect(await runNextImport(engine, { worker: 'instance-b', now: after(IMPORT_LEASE_MS / 2) })).toBe(false);
  expect((await importRow(id)).processedRows).toBe(IMPORT_BATCH);

  // Past the lease: B takes the run over where A's last batch ended and finishes it.
  expect(await runNextImport(engine, { worker: 'instance-b', now: after(IMPORT_LEASE_MS + 1_000) })).toBe(
    true,
  );
  expect(await importRow(id)).toMatchObject({
    status: 'done',
    processedRows: 450,
    importedRows: 450,
    existingRows: 0,
  });
  expect(await counted()).toEqual({ members: 450, openingEntries: 450 });
  const [run] = await engine.read((tx) =>
    tx
      .select()
      .from(jobRuns)
      .where(and(eq(jobRuns.name, 'member_import'), eq(jobRuns.runKey, String(id)))),
  );
  expect(run).toMatchObject({ claimedBy: 'instance-b', finishedAt: after(IMPORT_LEASE_MS + 1_000)() });

  // Done once: A back from the dead, or anyone later, finds nothing to run.
  expect(await runNextImport(engine, { worker: 'instance-a', now: after(2 * IMPORT_LEASE_MS) })).toBe(false);
  expect(await counted()).toEqual({ members: 450, openingEntries: 450 });
});
