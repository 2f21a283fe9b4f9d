import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandLine } from '../../domain/actor.ts';
import { readDashboard } from '../../domain/dashboard/dashboard.ts';
import { dashboardWorkerFor } from '../../domain/dashboard/off-loop.ts';
import { type Fixture, now, openFixture } from '../../domain/segments/fixture.ts';
import { type Product, startProduct } from '../../testing/harness.ts';
import { addStaff, signedIn } from '../../testing/staff.ts';

let f: Fixture;
let product: Product;
beforeEach(async () => {
  f = await openFixture();
  product = await startProduct({ engine: f.engine });
  await addStaff(f.engine, 'max', 'marketer');
});
afterEach(async () => {
  await product.close();
  await f.engine.close();
});

const all = { from: '2026-10-01', to: '2026-12-01', storeId: null };
const url = `/api/staff/dashboard?from=${all.from}&to=${all.to}`;

describe('the dashboard read on its own thread', () => {
  it('answers on a SQLite file through its worker the figures read in-process, a purchase just committed included', async () => {
    // On SQLite the test's database is a file: the route reads on the worker. PostgreSQL reads in-process.
    expect(dashboardWorkerFor(f.engine) !== undefined).toBe(f.engine.dialect === 'sqlite');
    const max = await signedIn(product.app, 'max');
    const before = (await max.get(url)).json();
    expect(before).toEqual(await readDashboard(f.engine, commandLine, all));
    await f.buy(f.ids.ben, 600, new Date(now.getTime() - 3_600_000));
    const after = (await max.get(url)).json();
    expect(after.sales.orders).toBe(before.sales.orders + 1);
    expect(after.sales.total).toBe(before.sales.total + 600);
    expect(after).toEqual(await readDashboard(f.engine, commandLine, all));
  });

  it('passes a read that fails on the worker back as an error, and refuses reads once closed', async (context) => {
    if (f.engine.dialect !== 'sqlite') context.skip('PostgreSQL reads in-process: no worker');
    const dir = mkdtempSync(join(tmpdir(), 'dashboard-worker-'));
    // A file without the schema: the worker's read fails there, and the error comes back to the caller.
    const empty = dashboardWorkerFor({ ...f.engine, file: join(dir, 'empty.db') })!;
    try {
      await expect(empty.read(all)).rejects.toThrow(/no such table/);
      const worker = dashboardWorkerFor(f.engine)!;
      await expect(worker.read(all)).resolves.toEqual(await readDashboard(f.engine, commandLine, all));
      await worker.close();
      await expect(worker.read(all)).rejects.toThrow(/closed/);
    } finally {
      await empty.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
