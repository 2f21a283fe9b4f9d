import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { expect, it, onTestFinished } from 'vitest';
import { restore } from '#db/dialect/backup';
import { joinMembership } from '../bot/domain/members.ts';
import { recordPurchase } from '../bot/domain/purchases.ts';
import { addStore, joinForm } from '../bot/testing/members.ts';
import { openEngine } from '../db/engine.ts';
import { members, pointLots, pointsLedger, purchases } from '../db/schema.ts';
import { openTestEngine } from '../db/test-engine.ts';

it('takes a consistent copy while purchases go on, which restores with every balance equal to its ledger', async () => {
  const engine = await openTestEngine();
  onTestFinished(() => engine.close());
  const dir = mkdtempSync(join(tmpdir(), 'backup-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const store = await addStore(engine);
  const memberIds: number[] = [];
  for (let i = 0; i < 10; i++) {
    const phone = `09${String(10_000_000 + i)}`;
    const member = await joinMembership(
      engine,
      `U${randomBytes(16).toString('hex')}`,
      joinForm(store.id, { phone }),
      new Date(),
    );
    memberIds.push(member.id);
  }

  // Purchases, some paying with points, until the backup is done.
  let backingUp = true;
  let made = 0;
  const actor = { staffId: null, storeId: store.id, ip: null, may: 'everything' as const };
  const load = (async () => {
    for (let i = 0; backingUp; i++) {
      const memberId = memberIds[i % memberIds.length]!;
      const redeem = i % 3 === 0 && i > 30 ? 100 : 0;
      await recordPurchase(
        engine,
        {
          ...{ member: { id: memberId, proof: 'card' }, price: 1_000 + i, redeemPoints: redeem },
          ...{ channel: 'store', reference: `B-${i}` },
          ...{ idempotencyKey: randomUUID(), at: new Date() },
        },
        actor,
      ).catch(() => {}); // a redemption over the balance is refused: fine here
      made++;
    }
  })();
  const file = join(dir, engine.dialect === 'postgres' ? 'membership.dump' : 'membership.db');
  const backup = await promisify(execFile)(
    process.execPath,
    ['--import', './db/select-engine.ts', 'scripts/db-backup.ts', file],
    { env: { ...process.env, ...engine.env } },
  );
  const madeDuringBackup = made;
  backingUp = false;
  await load;
  expect(backup.stdout).toContain(`Backed up to ${file}`);
  expect(madeDuringBackup).toBeGreaterThan(0);

  const restoredUrl = await emptyDatabase(engine.dialect, dir);
  await restore(file, restoredUrl);
  const restored = await openEngine({ url: restoredUrl });
  onTestFinished(() => restored.close());
  const found = await restored.read(async (tx) => ({
    purchases: await tx.select({ id: purchases.id }).from(purchases),
    members: await tx.select().from(members).where(eq(members.status, 'active')),
    ledger: await tx.select().from(pointsLedger),
    lots: await tx.select().from(pointLots),
  }));
  expect(found.purchases.length).toBeGreaterThan(0);
  expect(found.members).toHaveLength(10);
  const sumFor = <Row extends { memberId: number }>(
    rows: Row[],
    memberId: number,
    value: (row: Row) => number,
  ) => rows.filter((row) => row.memberId === memberId).reduce((sum, row) => sum + value(row), 0);
  for (const member of found.members) {
    expect(sumFor(found.ledger, member.id, (entry) => entry.points)).toBe(member.pointsBalance);
    expect(sumFor(found.lots, member.id, (lot) => lot.remaining)).toBe(member.pointsBalance);
  }
});

/** Where a backup is restored to: a new file, or a new empty PostgreSQL database (dropped after the test). */
async function emptyDatabase(dialect: 'sqlite' | 'postgres', dir: string): Promise<string> {
  if (dialect === 'sqlite') return join(dir, 'restored.db');
  const admin = process.env.TEST_DATABASE_URL!;
  const name = `membership_restored_${randomBytes(6).toString('hex')}`;
  const onServer = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await onServer(`CREATE DATABASE ${name}`);
  onTestFinished(() => onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}
