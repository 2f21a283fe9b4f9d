import { createHash, randomBytes } from 'node:crypto';
import { and, asc, count, eq, gt, lt, min, sql } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { lockRows, prepared } from '../../db/prepared.ts';
import { signInAttempts, staff, staffSessions, staffStores, stores } from '../../db/schema.ts';
import { type Actor, auditAs } from './actor.ts';
import { DomainError } from './errors.ts';
import { unknownUserHash, verifyPassword } from './passwords.ts';
import {
  findStaffByUsername,
  isStoreScoped,
  normaliseUsername,
  type StaffRole,
  type StaffRow,
} from './staff.ts';
import type { Store } from './stores.ts';

export type { StaffRole };

/** Who is signed in, as every staff route sees them (re-exported by bot/plugins/staff-session.ts). */
export interface StaffPrincipal {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  /** The stores they may act in: their own for clerks and store managers, 'all' for marketers and admins. */
  storeIds: number[] | 'all';
  /** The store this session works at, chosen at sign-in; null for admins and marketers who chose none. */
  storeId: number | null;
}

/** The numbers of ADR 0011. */
export const SESSION_IDLE_MS = 12 * 3_600_000;
export const SESSION_MAX_MS = 7 * 24 * 3_600_000;
/** The expiry slides at most once a minute, so a busy till does not write on every request. */
const SLIDE_EVERY_MS = 60_000;
export const LOCKOUT_FAILURES = 5;
export const LOCKOUT_MS = 15 * 60_000;
export const IP_FAILURES_LIMIT = 20;
export const IP_WINDOW_MS = 15 * 60_000;

export const tokenHashOf = (token: string) => createHash('sha256').update(token).digest('hex');

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

/** The stores a staff member may work at: their own active stores, or every active store. */
async function storesOpenTo(tx: Tx, principal: Pick<StaffPrincipal, 'storeIds'>): Promise<Store[]> {
  const active = await tx.select().from(stores).where(eq(stores.active, true)).orderBy(asc(stores.id));
  if (principal.storeIds === 'all') return active;
  const ids = new Set(principal.storeIds);
  return active.filter((store) => ids.has(store.id));
}

/** The stores a staff member may work at, as the console offers them. */
export function storesOf(engine: Engine, principal: Pick<StaffPrincipal, 'storeIds'>): Promise<Store[]> {
  return engine.read((tx) => storesOpenTo(tx, principal));
}

const storesOfStaff = prepared('stores_of_staff', (tx) =>
  tx
    .select({ id: staffStores.storeId })
    .from(staffStores)
    .where(eq(staffStores.staffId, sql.placeholder('staffId')))
    .orderBy(asc(staffStores.storeId)),
);

async function principalOf(tx: Tx, row: StaffRow, storeId: number | null): Promise<StaffPrincipal> {
  const storeIds = isStoreScoped(row.role)
    ? (await storesOfStaff(tx).execute({ staffId: row.id })).map((s) => s.id)
    : 'all';
  const mayWork = storeId !== null && (storeIds === 'all' || storeIds.includes(storeId));
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    storeIds,
    storeId: mayWork ? storeId : null,
  };
}

/** This address's failed attempts that still count. */
const failuresFrom = (ip: string, now: Date) =>
  and(
    eq(signInAttempts.ip, ip),
    eq(signInAttempts.succeeded, false),
    gt(signInAttempts.at, new Date(now.getTime() - IP_WINDOW_MS)),
  );

/** Failed attempts from this address in the window, and when the oldest of them leaves it. */
async function addressFailures(tx: Tx, ip: string, now: Date) {
  const [row] = await tx
    .select({ failures: count(), oldest: min(signInAttempts.at) })
    .from(signInAttempts)
    .where(failuresFrom(ip, now));
  return {
    failures: row!.failures,
    freeAt: new Date((row!.oldest?.getTime() ?? now.getTime()) + IP_WINDOW_MS),
  };
}

const tooManyAttempts = (limited: { freeAt: Date }, now: Date) =>
  new DomainError('TOO_MANY_ATTEMPTS', '登入嘗試次數過多，請稍後再試', {
    retryAfterSeconds: Math.max(1, Math.ceil((limited.freeAt.getTime() - now.getTime()) / 1000)),
  });

/** The store the session works at: the one asked for, or the only one a clerk has. */
async function chooseStore(tx: Tx, row: StaffRow, asked: number | null | undefined): Promise<number | null> {
  const allowed = await storesOpenTo(tx, await principalOf(tx, row, null));
  const choices = allowed.map(({ id, code, name }) => ({ id, code, name }));
  if (asked !== undefined && asked !== null) {
    if (!allowed.some((store) => store.id === asked)) {
      throw new DomainError('STORE_NOT_ALLOWED', '您無法在這家門市登入', { stores: choices });
    }
    return asked;
  }
  if (!isStoreScoped(row.role)) return null;
  if (allowed.length === 1) return allowed[0]!.id;
  if (allowed.length === 0) throw new DomainError('NO_STORES', '您尚未被指派到任何營業中的門市，請洽管理員');
  throw new DomainError('STORE_REQUIRED', '請選擇今天工作的門市', { stores: choices });
}

type Outcome = { ok: SignedIn } | { error: DomainError };

/**
 * Signs a staff member in. Refused, in this order: too many failures from the address (429), a locked account
 * (423), a wrong password or unknown username (401, the same answer), a deactivated account. Five wrong
 * passwords in a row lock the account for 15 minutes. Every outcome is audited and, but for the store choice,
 * counted in sign_in_attempts.
 */
export async function signIn(engine: Engine, request: SignInRequest, now: Date): Promise<SignedIn> {
  const username = normaliseUsername(request.username);
  const where: Actor = { staffId: null, storeId: null, ip: request.ip };
  const rateLimited = (tx: Tx) =>
    auditAs(tx, where, now, {
      action: 'staff.sign_in_failed',
      subjectType: 'staff',
      subjectId: null,
      after: { username, reason: 'RATE_LIMITED' },
    });

  // A first look, before any hashing: an address refused costs no scrypt.
  const { limited, found } = await engine.read(async (tx) => ({
    limited: await addressFailures(tx, request.ip, now),
    found: await findStaffByUsername(tx, username),
  }));
  if (limited.failures >= IP_FAILURES_LIMIT) {
    await engine.write(rateLimited);
    throw tooManyAttempts(limited, now);
  }

  // The hash is checked before the transaction (it takes tens of milliseconds) and also for unknown names.
  const matches =
    found && !(found.lockedUntil && found.lockedUntil > now)
      ? await verifyPassword(request.password, found.passwordHash)
      : (await verifyPassword(request.password, unknownUserHash)) && false;

  const outcome = await engine.write(async (tx): Promise<Outcome> => {
    // The address's failures so far, before counting them: attempts from one address are counted one after the
    // other on PostgreSQL, as SQLite's one writer counts them (but for the very first ones, with no row to lock).
    await lockRows(tx, signInAttempts, failuresFrom(request.ip, now));
    const counted = await addressFailures(tx, request.ip, now);
    if (counted.failures >= IP_FAILURES_LIMIT) {
      await rateLimited(tx);
      return { error: tooManyAttempts(counted, now) };
    }
    if (!found) return refuse(tx, undefined);
    // The account's row, before reading its counter: attempts at one account count and lock it one at a time.
    await lockRows(tx, staff, eq(staff.id, found.id));
    const [row] = await tx.select().from(staff).where(eq(staff.id, found.id));
    if (!row) return refuse(tx, undefined);
    // A password changed since it was checked: the one checked no longer counts.
    return attemptFor(tx, row, matches && row.passwordHash === found.passwordHash);
  });
  // Thrown after the commit, so that the failure is counted and audited.
  if ('error' in outcome) throw outcome.error;
  return outcome.ok;

  async function refuse(tx: Tx, row: StaffRow | undefined, reason = 'UNKNOWN_USERNAME', error = wrong()) {
    await tx.insert(signInAttempts).values({ username, ip: request.ip, succeeded: false, at: now });
    await auditAs(tx, { ...where, staffId: row?.id ?? null }, now, {
      action: 'staff.sign_in_failed',
      subjectType: 'staff',
      subjectId: row?.id ?? null,
      after: { username, reason },
    });
    return { error };
  }

  /** The account's row, locked: its counter and lockout are those of every attempt before this one. */
  async function attemptFor(tx: Tx, row: StaffRow, matches: boolean): Promise<Outcome> {
    if (row.lockedUntil && row.lockedUntil > now) return refuse(tx, row, 'LOCKED', locked(row.lockedUntil));
    if (!matches) {
      const failures = row.failedSignIns + 1;
      const lockNow = failures >= LOCKOUT_FAILURES;
      const lockedUntil = lockNow ? new Date(now.getTime() + LOCKOUT_MS) : null;
      await tx
        .update(staff)
        .set({ failedSignIns: lockNow ? 0 : failures, lockedUntil })
        .where(eq(staff.id, row.id));
      if (lockedUntil) {
        await auditAs(tx, { ...where, staffId: row.id }, now, {
          action: 'staff.lock',
          subjectType: 'staff',
          subjectId: row.id,
          after: { lockedUntil: lockedUntil.toISOString() },
        });
      }
      return refuse(tx, row, 'WRONG_PASSWORD', lockedUntil ? locked(lockedUntil) : wrong());
    }
    if (!row.active) {
      return refuse(tx, row, 'INACTIVE', new DomainError('ACCOUNT_INACTIVE', '此帳號已停用，請洽管理員'));
    }
    let storeId: number | null;
    try {
      storeId = await chooseStore(tx, row, request.storeId);
    } catch (error) {
      if (error instanceof DomainError) return { error };
      throw error;
    }
    await tx.update(staff).set({ failedSignIns: 0, lockedUntil: null }).where(eq(staff.id, row.id));
    await tx
      .delete(staffSessions)
      .where(and(eq(staffSessions.staffId, row.id), lt(staffSessions.expiresAt, now)));
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
    await tx.insert(staffSessions).values({
      tokenHash: tokenHashOf(token),
      staffId: row.id,
      csrfToken,
      storeId,
      createdAt: now,
      expiresAt,
      lastSeenAt: now,
    });
    await tx.insert(signInAttempts).values({ username, ip: request.ip, succeeded: true, at: now });
    await forgetOldAttempts(tx, now);
    await auditAs(tx, { staffId: row.id, storeId, ip: request.ip }, now, {
      action: 'staff.sign_in',
      subjectType: 'staff',
      subjectId: row.id,
      after: { storeId },
    });
    return { ok: { token, csrfToken, principal: await principalOf(tx, row, storeId), expiresAt } };
  }
}

const locked = (until: Date) =>
  new DomainError('ACCOUNT_LOCKED', '密碼錯誤次數過多，帳號暫時鎖定', { lockedUntil: until.toISOString() });
const wrong = () => new DomainError('SIGN_IN_FAILED', '帳號或密碼錯誤');

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

/** Sign-in attempts older than a day count for nothing any more. */
export async function forgetOldAttempts(tx: Tx, now: Date): Promise<void> {
  await tx.delete(signInAttempts).where(lt(signInAttempts.at, new Date(now.getTime() - 24 * 3_600_000)));
}
