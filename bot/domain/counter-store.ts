import { and, eq } from 'drizzle-orm';
import type { Engine } from '../../db/engine.ts';
import { staffSessions, stores } from '../../db/schema.ts';
import { auditAs } from './actor.ts';
import { DomainError } from './errors.ts';
import { type StaffPrincipal, tokenHashOf } from './staff-sessions.ts';

/**
 * The store this session works at from now on, chosen on the clerk page: an admin signs in to no store, and
 * every counter action happens at one. Only an active store the staff member may work at; audited.
 */
export async function workAtStore(
  engine: Engine,
  session: { token: string; principal: StaffPrincipal; ip: string },
  storeId: number,
  now: Date,
): Promise<void> {
  const { principal } = session;
  const mayWork = principal.storeIds === 'all' || principal.storeIds.includes(storeId);
  await engine.write(async (tx) => {
    const [store] = await tx
      .select()
      .from(stores)
      .where(and(eq(stores.id, storeId), eq(stores.active, true)));
    if (!store || !mayWork) throw new DomainError('STORE_NOT_ALLOWED', '您無法在這家門市工作');
    await tx
      .update(staffSessions)
      .set({ storeId })
      .where(
        and(eq(staffSessions.tokenHash, tokenHashOf(session.token)), eq(staffSessions.staffId, principal.id)),
      );
    await auditAs(tx, { staffId: principal.id, storeId, ip: session.ip }, now, {
      action: 'staff.choose_store',
      subjectType: 'staff',
      subjectId: principal.id,
      before: { storeId: principal.storeId },
      after: { storeId },
    });
  });
}
