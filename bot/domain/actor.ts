import type { Tx } from '../../db/engine.ts';
import { recordAudit } from './audit.ts';
import type { Permitted } from './permissions.ts';

/** Who is acting and from where: a signed-in staff member, or the command line (staffId null). */
export interface Actor {
  staffId: number | null;
  /** The store the session works at; null for admins working across stores and for the command line. */
  storeId: number | null;
  ip: string | null;
  /** What the actor may do (bot/domain/permissions.ts): a staff member's role and stores, or the operator's all. */
  may?: Permitted | 'everything';
}

export const commandLine: Actor = { staffId: null, storeId: null, ip: null, may: 'everything' };

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
