import type { Db } from '../../db/client.ts';
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

const insertEntry = prepared((db) =>
  db
    .insert(auditLog)
    .values(
      placeholders('staffId', 'action', 'subjectType', 'subjectId', 'storeId', 'ip', 'before', 'after', 'at'),
    )
    .prepare(),
);

/** Records a staff action. Called inside the transaction that makes the change, so one never lands without the other. */
export function recordAudit(db: Db, entry: AuditEntry): void {
  insertEntry(db).run({
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
