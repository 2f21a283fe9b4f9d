import type { Engine, Tx } from '../../db/engine.ts';
import { type Actor, auditAs } from './actor.ts';
import { DomainError } from './errors.ts';
import { unknownUserHash, verifyPasswordUnlessBusy } from './passwords.ts';
import { openSession } from './session-tokens.ts';
import {
  type AccountTurn,
  busy,
  clearCount,
  countAccountAttempt,
  countAddressAttempt,
  countAsSuccess,
  forgetOldAttempts,
  locked,
  lockedAccountRow,
  tooManyAttempts,
  uncount,
  wrong,
} from './sign-in-limits.ts';
import { findStaffByUsername, normaliseUsername, type StaffRow } from './staff.ts';
import { chooseStore, principalOf, type StaffPrincipal } from './staff-principal.ts';
import { turnsOf } from './turns.ts';

export interface SignInRequest {
  username: string;
  password: string;
  storeId?: number | null;
  ip: string;
}

export interface SignedIn {
  /** Goes in the cookie only; the database keeps its SHA-256. */
  token: string;
  csrfToken: string;
  principal: StaffPrincipal;
  expiresAt: Date;
}

/**
 * Sign-ins counting their attempt at once in this process on PostgreSQL, and how many may wait for that. Each
 * holds one of the pool's ten connections while it waits for its address's row, which another attempt from that
 * address holds: a burst from one address would otherwise take every connection from shoppers' requests.
 */
export const COUNTED_AT_ONCE = 2;
export const COUNTING_WAITING = 1000;
const countingTurns = turnsOf(COUNTED_AT_ONCE, COUNTING_WAITING);

type Outcome = { ok: SignedIn } | { error: DomainError };
/** What the transaction before the password check decided: refuse now, or check against this hash. */
type Counted = { error: DomainError } | { attemptId: number; turn: AccountTurn | null };

/**
 * Signs a staff member in. Refused, in this order: too many failures from the address (429), a locked account
 * (423), too many sign-ins waiting for their password check (429, a few seconds), a wrong password or unknown
 * username (401, the same answer), a deactivated account. Five wrong passwords in a row lock the account for 15
 * minutes. Both limits are counted before any hashing (sign-in-limits.ts). Every outcome is audited, but for a
 * refusal when a thousand wait to be counted; every attempt counted is in sign_in_attempts, a failure until its
 * password proves right.
 */
export async function signIn(engine: Engine, request: SignInRequest, now: Date): Promise<SignedIn> {
  const username = normaliseUsername(request.username);
  const where: Actor = { staffId: null, storeId: null, ip: request.ip };
  const failed = (tx: Tx, row: StaffRow | null, reason: string) =>
    auditAs(tx, { ...where, staffId: row?.id ?? null }, now, {
      action: 'staff.sign_in_failed',
      subjectType: 'staff',
      subjectId: row?.id ?? null,
      after: { username, reason },
    });

  // SQLite's single writer holds nothing while attempts wait: only PostgreSQL's take turns.
  const counting =
    engine.dialect === 'postgres'
      ? countingTurns.take(() => engine.write(countAttempt), true)
      : engine.write(countAttempt);
  if (!counting) throw busy();
  const counted = await counting;
  // Thrown after the commit, so that the refusal is audited.
  if ('error' in counted) throw counted.error;
  const { attemptId, turn } = counted;

  // An unknown username is checked against a hash of nothing, so that its answer takes as long.
  const checked = turn?.row.passwordHash ?? unknownUserHash;
  const check = verifyPasswordUnlessBusy(request.password, checked);
  if (!check) {
    await engine.write(async (tx) => {
      await uncount(tx, attemptId, turn, turn ? await lockedAccountRow(tx, turn.row.id) : undefined);
      await failed(tx, turn?.row ?? null, 'BUSY');
    });
    throw busy();
  }
  const matches = await check;

  const outcome = await engine.write(async (tx): Promise<Outcome> => {
    if (!turn) {
      await failed(tx, null, 'UNKNOWN_USERNAME');
      return { error: wrong() };
    }
    // Old addresses' rows before the account's: counting takes an address's row, then an account's, and in the
    // same order two transactions never wait for each other in a circle.
    if (matches) await forgetOldAttempts(tx, now);
    const row = await lockedAccountRow(tx, turn.row.id);
    // A password changed since it was checked: the one checked no longer counts.
    if (!row || !matches || row.passwordHash !== checked) return wrongPassword(tx, row ?? turn.row);
    if (!row.active) {
      await failed(tx, row, 'INACTIVE');
      return { error: new DomainError('ACCOUNT_INACTIVE', '此帳號已停用，請洽管理員') };
    }
    await clearCount(tx, row.id);
    await countAsSuccess(tx, attemptId);
    let storeId: number | null;
    try {
      storeId = await chooseStore(tx, row, request.storeId);
    } catch (error) {
      if (error instanceof DomainError) return { error };
      throw error;
    }
    const session = await openSession(tx, row.id, storeId, now);
    await auditAs(tx, { staffId: row.id, storeId, ip: request.ip }, now, {
      action: 'staff.sign_in',
      subjectType: 'staff',
      subjectId: row.id,
      after: { storeId },
    });
    return { ok: { ...session, principal: await principalOf(tx, row, storeId) } };
  });
  // Thrown after the commit, so that the failure is audited.
  if ('error' in outcome) throw outcome.error;
  return outcome.ok;

  /** The attempt counted against its address and account before any hashing, or refused. */
  async function countAttempt(tx: Tx): Promise<Counted> {
    const address = await countAddressAttempt(tx, request.ip, username, now);
    if ('freeAt' in address) {
      await failed(tx, null, 'RATE_LIMITED');
      return { error: tooManyAttempts(address.freeAt, now) };
    }
    const found = await findStaffByUsername(tx, username);
    const row = found && (await lockedAccountRow(tx, found.id));
    if (!row) return { attemptId: address.attemptId, turn: null };
    const turn = await countAccountAttempt(tx, row, now);
    if (turn instanceof Date) {
      await failed(tx, row, 'LOCKED');
      return { error: locked(turn) };
    }
    return { attemptId: address.attemptId, turn };
  }

  /** The attempt counted already; it answers the lock when it was the one that locked the account. */
  async function wrongPassword(tx: Tx, row: StaffRow): Promise<Outcome> {
    const lockedUntil = turn?.locksIfWrong;
    const stillLocked = lockedUntil && row.lockedUntil?.getTime() === lockedUntil.getTime();
    if (stillLocked) {
      await auditAs(tx, { ...where, staffId: row.id }, now, {
        action: 'staff.lock',
        subjectType: 'staff',
        subjectId: row.id,
        after: { lockedUntil: lockedUntil.toISOString() },
      });
    }
    await failed(tx, row, 'WRONG_PASSWORD');
    return { error: stillLocked ? locked(lockedUntil) : wrong() };
  }
}
