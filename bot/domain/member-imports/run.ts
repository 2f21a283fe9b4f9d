/**
 * Running an import: the admin's start (`running`, audited), then the rows applied as background work under a job
 * run `member_import` (ADR 17) by whichever instance claims it, a batch per transaction. A batch writes the members,
 * their opening points and the rows' outcomes together and renews the lease, so a dead instance's run is taken over
 * where its last batch ended, and nothing is applied twice.
 *
 * A row becomes a membership as the shops' members always have (importMembership: claimable later in LINE with the
 * phone and the birthday or a claim code), in the row's tier, with its opening points as one `adjust` entry noted
 * 期初點數 and a lot that expires as the points policy says. A phone that is a member's already is reported, never
 * made twice. An imported row keeps only its member's ID: the phone, name and birthday live on the member, where a
 * PDPA erasure reaches them.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { memberImportRows, memberImports, members } from '../../../db/schema.ts';
import { type Actor, auditAs } from '../actor.ts';
import { DomainError } from '../errors.ts';
import { claimJobRun, type RunWorker, renewJobRun, settleJobRun } from '../job-runs.ts';
import { importMembership } from '../members.ts';
import { ensureCan } from '../permissions.ts';
import { addLot } from '../point-lots.ts';
import { currentPolicy, expiryUnder } from '../points-policy.ts';
import { entryTier } from '../tiers.ts';
import type { MemberImport } from './preview.ts';

export const IMPORT_BATCH = 200;
export const IMPORT_LEASE_MS = 60_000;
const YEAR_MS = 365 * 86_400_000;
export const OPENING_BALANCE_NOTE = '期初點數（opening balance）';

export async function findImport(engine: Engine, id: number, actor: Actor): Promise<MemberImport> {
  ensureCan(actor, 'member.import');
  const [found] = await engine.read((tx) => tx.select().from(memberImports).where(eq(memberImports.id, id)));
  if (!found) throw new DomainError('MEMBER_IMPORT_NOT_FOUND', '找不到這次匯入');
  return found;
}

/** The admin runs a previewed import: it becomes `running` for the workers; a second start changes nothing. */
export async function startImport(
  engine: Engine,
  id: number,
  actor: Actor,
  now: Date,
): Promise<MemberImport> {
  ensureCan(actor, 'member.import');
  return engine.write(async (tx) => {
    const [started] = await tx
      .update(memberImports)
      .set({ status: 'running', startedAt: now })
      .where(and(eq(memberImports.id, id), eq(memberImports.status, 'previewed')))
      .returning();
    if (started) {
      const { fileName, rows, invalidRows } = started;
      await auditAs(tx, actor, now, {
        action: 'member.import',
        subjectType: 'member_import',
        subjectId: id,
        after: { fileName, rows, invalidRows },
      });
      return started;
    }
    const [found] = await tx.select().from(memberImports).where(eq(memberImports.id, id));
    if (!found) throw new DomainError('MEMBER_IMPORT_NOT_FOUND', '找不到這次匯入');
    return found;
  });
}

export type ImportWork = RunWorker;

/** Applies the next running import that no live instance holds, to its end; answers whether one was run. */
export async function runNextImport(engine: Engine, work: ImportWork): Promise<boolean> {
  const leaseMs = work.leaseMs ?? IMPORT_LEASE_MS;
  const running = await engine.read((tx) =>
    tx
      .select({ id: memberImports.id })
      .from(memberImports)
      .where(eq(memberImports.status, 'running'))
      .orderBy(asc(memberImports.id)),
  );
  for (const { id } of running) {
    const run = { name: 'member_import', runKey: String(id), worker: work.worker };
    if (!(await claimJobRun(engine, { ...run, now: work.now(), leaseMs }))) continue;
    let done = false;
    try {
      while (!done && !work.stopping?.()) {
        const batch = await engine.write((tx) => applyBatch(tx, id, run, work.now(), leaseMs));
        if (batch === 'lost') break;
        done = batch === 'done';
      }
    } finally {
      await settleJobRun(
        engine,
        { ...run, now: work.now() },
        done ? { finished: true, result: { id } } : { finished: false },
      );
    }
    if (done) return true;
  }
  return false;
}

/** One batch in one transaction: the lease renewed, rows applied, the counts moved; `done` once none is left. */
async function applyBatch(
  tx: Tx,
  importId: number,
  run: { name: string; runKey: string; worker: string },
  now: Date,
  leaseMs: number,
): Promise<'lost' | 'more' | 'done'> {
  if (!(await renewJobRun(tx, { ...run, now, leaseMs }))) return 'lost';
  const rows = await tx
    .select()
    .from(memberImportRows)
    .where(and(eq(memberImportRows.importId, importId), eq(memberImportRows.outcome, 'pending')))
    .orderBy(asc(memberImportRows.rowNo))
    .limit(IMPORT_BATCH);
  if (rows.length === 0) {
    await tx
      .update(memberImports)
      .set({ status: 'done', finishedAt: now })
      .where(and(eq(memberImports.id, importId), eq(memberImports.status, 'running')));
    return 'done';
  }
  const [staff] = await tx
    .select({ staffId: memberImports.staffId })
    .from(memberImports)
    .where(eq(memberImports.id, importId));
  const expiresAt = expiryUnder(await currentPolicy(tx), now);
  const entry = (await entryTier(tx)).code;
  let imported = 0;
  for (const row of rows) {
    const [existing] = await tx.select({ id: members.id }).from(members).where(eq(members.phone, row.phone));
    if (existing) {
      await setOutcome(tx, row, { outcome: 'existing', memberId: existing.id });
      continue;
    }
    const member = await importMembership(tx, row, now);
    if (row.tierCode && row.tierCode !== entry)
      await tx
        .update(members)
        .set({ tierCode: row.tierCode, tierReviewAt: new Date(now.getTime() + YEAR_MS) })
        .where(eq(members.id, member.id));
    if (row.openingPoints > 0)
      await addLot(tx, 'adjust', row.openingPoints, expiresAt, {
        memberId: member.id,
        channel: 'other',
        staffId: staff?.staffId ?? null,
        storeId: row.homeStoreId,
        idempotencyKey: `import:${importId}:${row.rowNo}`,
        note: OPENING_BALANCE_NOTE,
        at: now,
      });
    await setOutcome(tx, row, {
      outcome: 'imported',
      memberId: member.id,
      phone: '',
      name: '',
      birthday: null,
    });
    imported++;
  }
  await tx
    .update(memberImports)
    .set({
      processedRows: sql`${memberImports.processedRows} + ${rows.length}`,
      importedRows: sql`${memberImports.importedRows} + ${imported}`,
      existingRows: sql`${memberImports.existingRows} + ${rows.length - imported}`,
    })
    .where(eq(memberImports.id, importId));
  return 'more';
}

function setOutcome(
  tx: Tx,
  row: { importId: number; rowNo: number },
  change: Partial<typeof memberImportRows.$inferInsert>,
) {
  return tx
    .update(memberImportRows)
    .set(change)
    .where(and(eq(memberImportRows.importId, row.importId), eq(memberImportRows.rowNo, row.rowNo)));
}
