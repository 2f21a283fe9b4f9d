import type { Db } from '../../db/client.ts';
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

/** Records a staff action. Called inside the transaction that makes the change, so one never lands without the other. */
export function recordAudit(db: Db, entry: AuditEntry): void {
  db.insert(auditLog)
    .values({
      ...entry,
      subjectId: entry.subjectId === null ? null : String(entry.subjectId),
      before: entry.before ?? null,
      after: entry.after ?? null,
    })
    .run();
}
