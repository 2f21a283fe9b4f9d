import type { Tx } from '../../db/engine.ts';
import { placeholders, prepared } from '../../db/prepared.ts';
import { auditLog } from '../../db/schema.ts';

export interface AuditEntry {
  /** The staff member; null for the command line and scheduled jobs. */
  staffId: number | null;
  /** What was done, as `subject.verb`: `purchase.create`, `purchase.void`, `store.update`, `staff.sign_in`. */
  action: string;
  subjectType: string;
  subjectId: string | number | null;
  /** Where: the store the staff member was working at. */
  storeId: number | null;
  ip: string | null;
  before?: unknown;
  after?: unknown;
  at: Date;
}

const insertEntry = prepared('insert_audit_entry', (tx) =>
  tx
    .insert(auditLog)
    .values(
      placeholders('staffId', 'action', 'subjectType', 'subjectId', 'storeId', 'ip', 'before', 'after', 'at'),
    ),
);

/** Records a staff action. Called inside the transaction that makes the change, so one never lands without the other. */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await insertEntry(tx).execute({
    staffId: entry.staffId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId === null ? null : String(entry.subjectId),
    storeId: entry.storeId,
    ip: entry.ip,
    before: entry.before ?? null,
    after: entry.after ?? null,
    at: entry.at,
  });
}
