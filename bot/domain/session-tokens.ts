import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { staffSessions } from '../../db/schema.ts';

/** The numbers of ADR 0011. */
export const SESSION_IDLE_MS = 12 * 3_600_000;
export const SESSION_MAX_MS = 7 * 24 * 3_600_000;

export const tokenHashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * A new session for the staff member at `storeId`, their expired ones cleared away. The token goes in the cookie
 * only: the database keeps its SHA-256, so a copy of the database signs no one in.
 */
export async function openSession(tx: Tx, staffId: number, storeId: number | null, now: Date) {
  await tx
    .delete(staffSessions)
    .where(and(eq(staffSessions.staffId, staffId), lt(staffSessions.expiresAt, now)));
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  await tx.insert(staffSessions).values({
    tokenHash: tokenHashOf(token),
    staffId,
    csrfToken,
    storeId,
    createdAt: now,
    expiresAt,
    lastSeenAt: now,
  });
  return { token, csrfToken, expiresAt };
}
