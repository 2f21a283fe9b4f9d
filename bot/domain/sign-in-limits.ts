// The two limits on guessing staff passwords (ADR 0011): failures per address, and wrong passwords in a row per
// account. Both are counted before the password is hashed, in the transaction that decides whether it will be:
// an attempt is recorded as a failure first and becomes a success only once its password proves right, so that
// attempts arriving together are counted one after the other and the one over a limit costs no hashing.
import { and, count, eq, gt, lt, min } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { lockRows } from '../../db/prepared.ts';
import { signInAddresses, signInAttempts, staff } from '../../db/schema.ts';
import { DomainError } from './errors.ts';
import type { StaffRow } from './staff.ts';

export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60_000;
export const IP_FAILURES_LIMIT = 20;
export const IP_WINDOW_MS = 15 * 60_000;
/** What a sign-in refused because too many wait in this process is told: try again shortly. */
export const BUSY_RETRY_SECONDS = 5;

/** This address's failed attempts that still count, those whose password is being checked included. */
const failuresFrom = (ip: string, now: Date) =>
  and(
    eq(signInAttempts.ip, ip),
    eq(signInAttempts.succeeded, false),
    gt(signInAttempts.at, new Date(now.getTime() - IP_WINDOW_MS)),
  );

/**
 * Counts an attempt from `ip` against the address's limit: the id of its attempt row, recorded as a failure, or
 * when the oldest failure leaves the window if the address has used its 20. The address's row is locked first
 * (an upsert: it exists for a new address too), so that on PostgreSQL the attempts of one address count one at a
 * time, as SQLite's single writer counts them.
 */
export async function countAddressAttempt(
  tx: Tx,
  ip: string,
  username: string,
  now: Date,
): Promise<{ attemptId: number } | { freeAt: Date }> {
  await tx
    .insert(signInAddresses)
    .values({ ip, lastAttemptAt: now })
    .onConflictDoUpdate({ target: signInAddresses.ip, set: { lastAttemptAt: now } });
  const [counted] = await tx
    .select({ failures: count(), oldest: min(signInAttempts.at) })
    .from(signInAttempts)
    .where(failuresFrom(ip, now));
  if (counted!.failures >= IP_FAILURES_LIMIT) {
    return { freeAt: new Date((counted!.oldest?.getTime() ?? now.getTime()) + IP_WINDOW_MS) };
  }
  const [attempt] = await tx
    .insert(signInAttempts)
    .values({ username, ip, succeeded: false, at: now })
    .returning({ id: signInAttempts.id });
  return { attemptId: attempt!.id };
}

/** The attempt's password proved right: it no longer counts against its address. */
export async function countAsSuccess(tx: Tx, attemptId: number): Promise<void> {
  await tx.update(signInAttempts).set({ succeeded: true }).where(eq(signInAttempts.id, attemptId));
}

/** An account's turn to have a password checked: whether this attempt locked it, should the password be wrong. */
export type AccountTurn = { row: StaffRow; locksIfWrong: Date | null };

/** The account's row, locked: attempts at one account count, and lock it, one at a time. */
export async function lockedAccountRow(tx: Tx, staffId: number): Promise<StaffRow | undefined> {
  await lockRows(tx, staff, eq(staff.id, staffId));
  const [row] = await tx.select().from(staff).where(eq(staff.id, staffId));
  return row;
}

/**
 * Counts an attempt at the account as a wrong password before its password is checked; the fifth in a row locks
 * it at once, so that a sixth arriving meanwhile is refused unhashed. A right password clears both (clearCount).
 * Refused with the lock's end while the account is locked.
 */
export async function countAccountAttempt(tx: Tx, row: StaffRow, now: Date): Promise<AccountTurn | Date> {
  if (row.lockedUntil && row.lockedUntil > now) return row.lockedUntil;
  const failures = row.failedSignIns + 1;
  const lockedUntil = failures >= LOCKOUT_FAILURES ? new Date(now.getTime() + LOCKOUT_MS) : null;
  await tx
    .update(staff)
    .set({ failedSignIns: lockedUntil ? 0 : failures, lockedUntil })
    .where(eq(staff.id, row.id));
  return { row, locksIfWrong: lockedUntil };
}

/** A right password: the account's count starts again, and a lock its attempt was counted before is lifted. */
export async function clearCount(tx: Tx, staffId: number): Promise<void> {
  await tx.update(staff).set({ failedSignIns: 0, lockedUntil: null }).where(eq(staff.id, staffId));
}

/**
 * An attempt whose password was never checked (too many waited): it counts neither against its address nor its
 * account. A lock it made is lifted with the count it had; the account row must be locked (lockedAccountRow).
 */
export async function uncount(tx: Tx, attemptId: number, turn: AccountTurn | null, row?: StaffRow) {
  await tx.delete(signInAttempts).where(eq(signInAttempts.id, attemptId));
  if (!turn || !row) return;
  const ownLock = turn.locksIfWrong && row.lockedUntil?.getTime() === turn.locksIfWrong.getTime();
  if (ownLock) {
    await tx
      .update(staff)
      .set({ failedSignIns: LOCKOUT_FAILURES - 1, lockedUntil: null })
      .where(eq(staff.id, row.id));
  } else if (row.failedSignIns > 0) {
    await tx
      .update(staff)
      .set({ failedSignIns: row.failedSignIns - 1 })
      .where(eq(staff.id, row.id));
  }
}

/** Sign-in attempts older than a day count for nothing any more, nor do addresses not seen for a day. */
export async function forgetOldAttempts(tx: Tx, now: Date): Promise<void> {
  const dayAgo = new Date(now.getTime() - 24 * 3_600_000);
  await tx.delete(signInAttempts).where(lt(signInAttempts.at, dayAgo));
  await tx.delete(signInAddresses).where(lt(signInAddresses.lastAttemptAt, dayAgo));
}

export const tooManyAttempts = (freeAt: Date, now: Date) =>
  new DomainError('TOO_MANY_ATTEMPTS', '登入嘗試次數過多，請稍後再試', {
    retryAfterSeconds: Math.max(1, Math.ceil((freeAt.getTime() - now.getTime()) / 1000)),
  });
/** Too many sign-ins wait for their turn in this process: try again in a few seconds. */
export const busy = () =>
  new DomainError('TOO_MANY_ATTEMPTS', '登入嘗試次數過多，請稍後再試', {
    retryAfterSeconds: BUSY_RETRY_SECONDS,
  });
export const locked = (until: Date) =>
  new DomainError('ACCOUNT_LOCKED', '密碼錯誤次數過多，帳號暫時鎖定', { lockedUntil: until.toISOString() });
export const wrong = () => new DomainError('SIGN_IN_FAILED', '帳號或密碼錯誤');
