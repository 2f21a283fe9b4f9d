/**
 * An admin uploads a members file: every row is checked and kept with its problems, and the preview says what a
 * run would do. No member, point or coupon is written until the import is run (run.ts). The same bytes uploaded
 * again answer the import they made the first time (its content hash is unique), whatever became of it.
 */
import { createHash } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import type { Engine, Tx } from '../../../db/engine.ts';
import { memberImportRows, memberImports, members, stores, tiers } from '../../../db/schema.ts';
import type { Actor } from '../actor.ts';
import { ensureCan } from '../permissions.ts';
import { fileRows } from './file-rows.ts';
import { type CheckedRow, checkRow } from './row-checks.ts';

/** Rows shown in the preview's table; every row with a problem is listed besides. */
export const PREVIEW_ROWS = 20;
const CHUNK = 500;

export type MemberImport = typeof memberImports.$inferSelect;

export interface ImportPreview {
  memberImport: MemberImport;
  /** Rows without problems whose phone is a member's already: a run reports them and makes no second member. */
  alreadyMembers: number;
  firstRows: CheckedRow[];
  invalid: { rowNo: number; phone: string; name: string; problems: string[] }[];
}

async function rowContext(tx: Tx, today: Date) {
  const storeRows = await tx
    .select({ id: stores.id, code: stores.code })
    .from(stores)
    .where(eq(stores.active, true));
  const tierRows = await tx.select().from(tiers);
  const tierCodes = new Map<string, string>();
  for (const tier of tierRows)
    for (const word of [tier.code, tier.name, tier.nameEn]) tierCodes.set(word, tier.code);
  return {
    storeIds: new Map(storeRows.map((s) => [s.code, s.id])),
    tierCodes,
    seenPhones: new Set<string>(),
    today,
  };
}

/** Checks and keeps the file's rows (one transaction), or answers the import the same bytes made before. */
export async function previewImport(
  engine: Engine,
  file: { bytes: Buffer; fileName: string },
  actor: Actor,
  now: Date,
): Promise<ImportPreview> {
  ensureCan(actor, 'member.import');
  const contentHash = createHash('sha256').update(file.bytes).digest('hex');
  const rows = fileRows(file.bytes);
  const memberImport = await engine.write(async (tx) => {
    const [earlier] = await tx.select().from(memberImports).where(eq(memberImports.contentHash, contentHash));
    if (earlier) return earlier;
    const context = await rowContext(tx, now);
    const checked = rows.map((row) => checkRow(row, context));
    const [made] = await tx
      .insert(memberImports)
      .values({
        contentHash,
        fileName: file.fileName,
        status: 'previewed',
        rows: checked.length,
        invalidRows: checked.filter((row) => row.problems.length > 0).length,
        staffId: actor.staffId,
        createdAt: now,
      })
      .returning();
    for (let i = 0; i < checked.length; i += CHUNK) {
      await tx.insert(memberImportRows).values(
        checked.slice(i, i + CHUNK).map((row) => ({
          importId: made!.id,
          ...row,
          outcome: row.problems.length > 0 ? ('invalid' as const) : ('pending' as const),
        })),
      );
    }
    return made!;
  });
  return previewOf(engine, memberImport);
}

/** What the preview shows of an import kept earlier (GET …/:id answers it too, with the progress). */
export async function previewOf(engine: Engine, memberImport: MemberImport): Promise<ImportPreview> {
  const ofImport = eq(memberImportRows.importId, memberImport.id);
  return engine.read(async (tx) => {
    const [pendingMembers] = await tx
      .select({ found: count() })
      .from(memberImportRows)
      .innerJoin(members, eq(members.phone, memberImportRows.phone))
      .where(and(ofImport, eq(memberImportRows.outcome, 'pending')));
    const firstRows = await tx
      .select()
      .from(memberImportRows)
      .where(ofImport)
      .orderBy(memberImportRows.rowNo)
      .limit(PREVIEW_ROWS);
    const invalid = await tx
      .select({
        rowNo: memberImportRows.rowNo,
        phone: memberImportRows.phone,
        name: memberImportRows.name,
        problems: memberImportRows.problems,
      })
      .from(memberImportRows)
      .where(and(ofImport, eq(memberImportRows.outcome, 'invalid')))
      .orderBy(memberImportRows.rowNo);
    return {
      memberImport,
      alreadyMembers: memberImport.existingRows + (pendingMembers?.found ?? 0),
      firstRows: firstRows.map(({ importId: _, outcome: __, memberId: ___, ...row }) => ({
        ...row,
        problems: row.problems as CheckedRow['problems'],
      })),
      invalid,
    };
  });
}
