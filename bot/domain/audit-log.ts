import { and, desc, eq, like, lt, type SQL } from 'drizzle-orm';
import type { Engine } from '../../db/engine.ts';
import { auditLog, staff, stores } from '../../db/schema.ts';

export interface AuditQuery {
  /** Entries older than this id (the previous page's nextBefore). */
  before?: number;
  limit?: number;
  staffId?: number;
  storeId?: number;
  /** `store.create` exactly, or a whole subject: `store` (every `store.*`). */
  action?: string;
}

export interface AuditView {
  id: number;
  at: string;
  staff: { id: number; username: string; displayName: string } | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  store: { id: number; code: string; name: string } | null;
  ip: string | null;
  before: unknown;
  after: unknown;
}

/** The audit log, newest first, a page at a time (keyset on the id, so new rows do not shift the pages). */
export async function auditPage(
  engine: Engine,
  query: AuditQuery,
): Promise<{ entries: AuditView[]; nextBefore: number | null }> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 200);
  const conditions: SQL[] = [];
  if (query.before !== undefined) conditions.push(lt(auditLog.id, query.before));
  if (query.staffId !== undefined) conditions.push(eq(auditLog.staffId, query.staffId));
  if (query.storeId !== undefined) conditions.push(eq(auditLog.storeId, query.storeId));
  if (query.action) {
    // A whole subject matches in lower case, as every action is: LIKE ignores case on SQLite only.
    conditions.push(
      query.action.includes('.')
        ? eq(auditLog.action, query.action)
        : like(auditLog.action, `${query.action.toLowerCase()}.%`),
    );
  }
  const rows = await engine.read((tx) =>
    tx
      .select({
        entry: auditLog,
        staff: { id: staff.id, username: staff.username, displayName: staff.displayName },
        store: { id: stores.id, code: stores.code, name: stores.name },
      })
      .from(auditLog)
      .leftJoin(staff, eq(staff.id, auditLog.staffId))
      .leftJoin(stores, eq(stores.id, auditLog.storeId))
      .where(and(...conditions))
      .orderBy(desc(auditLog.id))
      .limit(limit + 1),
  );
  const entries = rows.slice(0, limit).map(({ entry, staff, store }) => ({
    id: entry.id,
    at: entry.at.toISOString(),
    staff,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    store,
    ip: entry.ip,
    before: entry.before,
    after: entry.after,
  }));
  return { entries, nextBefore: rows.length > limit ? entries.at(-1)!.id : null };
}
