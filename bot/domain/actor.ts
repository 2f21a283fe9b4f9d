import type { Tx } from '../../db/engine.ts';
import { recordAudit } from './audit.ts';

/** Who is acting and from where: a signed-in staff member, or the command line (staffId null). */
export interface Actor {
  staffId: number | null;
  /** The store the session works at; null for admins working across stores and for the command line. */
  storeId: number | null;
  ip: string | null;
}

export const commandLine: Actor = { staffId: null, storeId: null, ip: null };

/** recordAudit with the actor's who and where filled in. */
export async function auditAs(
  tx: Tx,
  actor: Actor,
  at: Date,
  entry: {
    action: string;
    subjectType: string;
    subjectId: string | number | null;
    before?: unknown;
    after?: unknown;
  },
): Promise<void> {
  await recordAudit(tx, { staffId: actor.staffId, storeId: actor.storeId, ip: actor.ip, at, ...entry });
}
