import { eq, sql } from 'drizzle-orm';
import type { Engine } from '../../db/engine.ts';
import { prepared } from '../../db/prepared.ts';
import { staff, staffSessions } from '../../db/schema.ts';
import { auditAs } from './actor.ts';
import { SESSION_IDLE_MS, SESSION_MAX_MS, tokenHashOf } from './session-tokens.ts';
import { principalOf, type StaffPrincipal } from './staff-principal.ts';

// Staff sessions from sign-in to sign-out; what the routes and the session plugin import is all here.
export { SESSION_IDLE_MS, SESSION_MAX_MS, tokenHashOf } from './session-tokens.ts';
export { type SignedIn, type SignInRequest, signIn } from './sign-in.ts';
export {
  forgetOldAttempts,
  IP_FAILURES_LIMIT,
  IP_WINDOW_MS,
  LOCKOUT_FAILURES,
  LOCKOUT_MS,
} from './sign-in-limits.ts';
export { type StaffPrincipal, type StaffRole, storesOf } from './staff-principal.ts';

/** The expiry slides at most once a minute, so a busy till does not write on every request. */
const SLIDE_EVERY_MS = 60_000;

export interface ActiveSession {
  principal: StaffPrincipal;
  csrfToken: string;
  expiresAt: Date;
}

const sessionByTokenHash = prepared('session_by_token_hash', (tx) =>
  tx
    .select({ session: staffSessions, row: staff })
    .from(staffSessions)
    .innerJoin(staff, eq(staff.id, staffSessions.staffId))
    .where(eq(staffSessions.tokenHash, sql.placeholder('tokenHash'))),
);

/**
 * The session behind a cookie's token, its idle expiry moved on; null when unknown, expired or deactivated.
 * A read on most requests; a write when the session ends or its expiry slides (at most once a minute), relaxed:
 * lost in a power cut, it is done again on the next request.
 */
export async function resolveSession(
  engine: Engine,
  token: string,
  now: Date,
): Promise<ActiveSession | null> {
  const tokenHash = tokenHashOf(token);
  const found = await engine.read(async (tx) => {
    const [found] = await sessionByTokenHash(tx).execute({ tokenHash });
    return found && { ...found, principal: await principalOf(tx, found.row, found.session.storeId) };
  });
  if (!found) return null;
  const { session, row, principal } = found;
  const hardEnd = session.createdAt.getTime() + SESSION_MAX_MS;
  if (session.expiresAt <= now || hardEnd <= now.getTime() || !row.active) {
    await engine.write((tx) => tx.delete(staffSessions).where(eq(staffSessions.tokenHash, tokenHash)), {
      durability: 'relaxed',
    });
    return null;
  }
  let expiresAt = session.expiresAt;
  if (now.getTime() - session.lastSeenAt.getTime() >= SLIDE_EVERY_MS) {
    expiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, hardEnd));
    await engine.write(
      (tx) =>
        tx
          .update(staffSessions)
          .set({ lastSeenAt: now, expiresAt })
          .where(eq(staffSessions.tokenHash, tokenHash)),
      { durability: 'relaxed' },
    );
  }
  return { principal, csrfToken: session.csrfToken, expiresAt };
}

/** Ends the session behind the token; nothing happens for an unknown token. */
export async function signOut(engine: Engine, token: string, ip: string | null, now: Date): Promise<void> {
  await engine.write(async (tx) => {
    // One statement finds and ends it: of two sign-outs at once, only one is audited.
    const [session] = await tx
      .delete(staffSessions)
      .where(eq(staffSessions.tokenHash, tokenHashOf(token)))
      .returning({ staffId: staffSessions.staffId, storeId: staffSessions.storeId });
    if (!session) return;
    await auditAs(tx, { staffId: session.staffId, storeId: session.storeId, ip }, now, {
      action: 'staff.sign_out',
      subjectType: 'staff',
      subjectId: session.staffId,
    });
  });
}
