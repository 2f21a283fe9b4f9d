import { and, count, desc, eq, gte } from 'drizzle-orm';
import type { Tx } from '../../db/engine.ts';
import { lockRows } from '../../db/prepared.ts';
import { claimAttemptAccounts, claimAttempts } from '../../db/schema.ts';

/**
 * How many tries at phone numbers a LINE account gets, and how the limits are counted
 * (docs/decisions/0005-claiming-memberships.md):
 * - `birthday`, `claim_code`: failed claims, each kind on its own, so that a shopper who has used up the
 *   birthday can still bring a code from the counter;
 * - `phone_in_use`: joins and profile changes that met a number in use, the only answers that tell a number
 *   is in use, so that nobody can run down a list of numbers.
 * Past a limit the account's tries of that kind are refused for the rest of a rolling day, whatever the number.
 */
export type TryKind = 'birthday' | 'claim_code' | 'phone_in_use';
export const TRIES_PER_ACCOUNT = 5;
/**
 * Wrong birthdays for one number from all LINE accounts together, past which the birthday stops being accepted
 * for it for a day: guessing spread over many accounts stops there, and the owner still claims with a code
 * from the counter. Above `TRIES_PER_ACCOUNT`, so that one account's typos never close it.
 */
export const BIRTHDAY_FAILURES_PER_NUMBER = 10;
const WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Holds the LINE account's tries until the transaction ends: its tries are counted one after the other, so no
 * burst gets past a limit. A claim takes it before the row of the membership it claims; a profile change takes
 * it after the member's own row, which no claim of the same account can hold (that account is a member).
 */
export async function holdTriesOf(tx: Tx, lineUserId: string): Promise<void> {
  await tx.insert(claimAttemptAccounts).values({ lineUserId }).onConflictDoNothing();
  await lockRows(tx, claimAttemptAccounts, eq(claimAttemptAccounts.lineUserId, lineUserId));
}

export async function recordTry(
  tx: Tx,
  attempt: { lineUserId: string; phone: string; kind: TryKind; succeeded: boolean; at: Date },
): Promise<void> {
  await tx.insert(claimAttempts).values(attempt);
}

/** The times of the failed tries that count now, newest first. */
async function failuresSince(
  tx: Tx,
  by: { lineUserId: string } | { phone: string },
  kind: TryKind,
  now: Date,
): Promise<Date[]> {
  const rows = await tx
    .select({ at: claimAttempts.at })
    .from(claimAttempts)
    .where(
      and(
        'lineUserId' in by ? eq(claimAttempts.lineUserId, by.lineUserId) : eq(claimAttempts.phone, by.phone),
        eq(claimAttempts.kind, kind),
        eq(claimAttempts.succeeded, false),
        gte(claimAttempts.at, new Date(now.getTime() - WINDOW_MS)),
      ),
    )
    .orderBy(desc(claimAttempts.at));
  return rows.map((row) => row.at);
}

/** When the limit-th latest failure is a day old: the end of the lock, or null when under the limit. */
function lockEndOf(failures: Date[], limit: number): Date | null {
  const unlocking = failures[limit - 1];
  return unlocking ? new Date(unlocking.getTime() + WINDOW_MS) : null;
}

/** Until when this LINE account's tries of this kind are refused; null when it may try. */
export async function accountLockedUntil(
  tx: Tx,
  lineUserId: string,
  kind: TryKind,
  now: Date,
): Promise<Date | null> {
  return lockEndOf(await failuresSince(tx, { lineUserId }, kind, now), TRIES_PER_ACCOUNT);
}

/** Until when the birthday is not accepted for this number, after guesses from many accounts; null when it is. */
export async function birthdayClosedUntil(tx: Tx, phone: string, now: Date): Promise<Date | null> {
  return lockEndOf(await failuresSince(tx, { phone }, 'birthday', now), BIRTHDAY_FAILURES_PER_NUMBER);
}

/** How many more failures of this kind the account has before it is locked. */
export async function triesLeft(tx: Tx, lineUserId: string, kind: TryKind, now: Date): Promise<number> {
  return Math.max(0, TRIES_PER_ACCOUNT - (await failuresSince(tx, { lineUserId }, kind, now)).length);
}

/** Failed tries of this kind recorded for this account, in all time (for tests and the audit of a case). */
export async function failedTries(tx: Tx, lineUserId: string, kind: TryKind): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(claimAttempts)
    .where(
      and(
        eq(claimAttempts.lineUserId, lineUserId),
        eq(claimAttempts.kind, kind),
        eq(claimAttempts.succeeded, false),
      ),
    );
  return row?.n ?? 0;
}
