import { and, count, eq, gt, min } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { lockRows } from '../../db/prepared.ts';
import { memberLookups, signInAttempts, staff } from '../../db/schema.ts';
import { auditAs } from './actor.ts';
import { DomainError } from './errors.ts';
import { type CounterClerk, lookupOf, usableLookup } from './member-lookups.ts';
import { unknownUserHash, verifyPassword } from './passwords.ts';
import {
  findStaffByUsername,
  normaliseUsername,
  type StaffRole,
  type StaffRow,
  storeIdsOf,
} from './staff.ts';
import { IP_FAILURES_LIMIT, IP_WINDOW_MS, LOCKOUT_FAILURES, LOCKOUT_MS } from './staff-sessions.ts';

/** What a clerk may ask a store manager to approve on the clerk's device. */
export type CounterAction = 'approve' | 'void' | 'refund';

/**
 * Who may do what at the counter by their role: in one place until the permissions module takes these rules
 * over. A store manager or admin approves, voids and refunds; a clerk voids or refunds only with their approval.
 */
export function counterRoleAllows(role: StaffRole, action: CounterAction): boolean {
  switch (action) {
    case 'approve':
    case 'void':
    case 'refund':
      return role === 'store_manager' || role === 'admin';
  }
}

export interface Approval {
  username: string;
  password: string;
}

/** The clerk asking, where, and from which address (the address counts wrong passwords as a sign-in does). */
export interface ApprovalContext extends CounterClerk {
  ip: string;
  action: CounterAction | 'member_without_card';
  memberId?: number | null;
  purchaseId?: number | null;
}

const refused = () => new DomainError('APPROVAL_FAILED', '店長帳號或密碼錯誤');

/**
 * A store manager (of this store) or an admin vouches with their username and password on the clerk's device.
 * Wrong passwords count against the manager's own sign-in lockout, in the same columns and with the same numbers
 * as a sign-in (five in a row lock the account for 15 minutes), and against the address's sign-in limit; each
 * failure is reserved before the password is hashed, so a burst of guesses cannot outrun the count. Audited
 * either way. Returns the approver.
 */
export async function verifyApprover(
  engine: Engine,
  approval: Approval,
  context: ApprovalContext,
  now: Date,
): Promise<StaffRow> {
  const username = normaliseUsername(approval.username);
  const where = { staffId: context.staffId, storeId: context.storeId, ip: context.ip };
  const asked = { clerkId: context.staffId, action: context.action, memberId: context.memberId ?? null };
  type Reserved =
    | { error: DomainError }
    | { row: StaffRow | null; attemptId: number; lockedUntil?: Date | null };
  const reserved = await engine.write(async (tx): Promise<Reserved> => {
    const failures = failuresFrom(context.ip, now);
    await lockRows(tx, signInAttempts, failures);
    const [fromAddress] = await tx
      .select({ n: count(), oldest: min(signInAttempts.at) })
      .from(signInAttempts)
      .where(failures);
    if (fromAddress!.n >= IP_FAILURES_LIMIT) {
      const freeAt = (fromAddress!.oldest?.getTime() ?? now.getTime()) + IP_WINDOW_MS;
      const retryAfterSeconds = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
      return {
        error: new DomainError('TOO_MANY_ATTEMPTS', '登入嘗試次數過多，請稍後再試', { retryAfterSeconds }),
      };
    }
    const [attempt] = await tx
      .insert(signInAttempts)
      .values({ username, ip: context.ip, succeeded: false, at: now })
      .returning({ id: signInAttempts.id });
    const found = await findStaffByUsername(tx, username);
    if (!found) return { row: null, attemptId: attempt!.id };
    await lockRows(tx, staff, eq(staff.id, found.id));
    const [row] = await tx.select().from(staff).where(eq(staff.id, found.id));
    if (row!.lockedUntil && row!.lockedUntil > now) {
      return { error: new DomainError('APPROVER_LOCKED', '店長帳號因密碼錯誤次數過多暫時鎖定') };
    }
    if (!row!.active || !(await mayApproveAt(tx, row!, context.storeId))) {
      return { error: new DomainError('APPROVER_NOT_ALLOWED', '這個帳號不能核准這家門市的交易') };
    }
    // Counted now, taken back below if the password is right.
    const failed = row!.failedSignIns + 1;
    const lockedUntil = failed >= LOCKOUT_FAILURES ? new Date(now.getTime() + LOCKOUT_MS) : null;
    await tx
      .update(staff)
      .set({ failedSignIns: lockedUntil ? 0 : failed, lockedUntil })
      .where(eq(staff.id, row!.id));
    return { row: row!, lockedUntil, attemptId: attempt!.id };
  });
  if ('error' in reserved) {
    await engine.write((tx) => auditAs(tx, where, now, failedEntry(username, reserved.error.code, asked)));
    throw reserved.error;
  }
  const { row } = reserved;
  const matches = row
    ? await verifyPassword(approval.password, row.passwordHash)
    : (await verifyPassword(approval.password, unknownUserHash)) && false;
  if (!row || !matches) {
    await engine.write(async (tx) => {
      await auditAs(tx, where, now, failedEntry(username, 'WRONG_PASSWORD', asked));
      if (row && reserved.lockedUntil) {
        await auditAs(tx, { ...where, staffId: row.id }, now, {
          action: 'staff.lock',
          subjectType: 'staff',
          subjectId: row.id,
          after: { lockedUntil: reserved.lockedUntil.toISOString(), by: 'counter_approval' },
        });
      }
    });
    throw refused();
  }
  await engine.write(async (tx) => {
    await lockRows(tx, staff, eq(staff.id, row.id));
    await tx
      .update(staff)
      .set({ failedSignIns: 0, lockedUntil: null })
      .where(and(eq(staff.id, row.id), eq(staff.passwordHash, row.passwordHash)));
    await tx.update(signInAttempts).set({ succeeded: true }).where(eq(signInAttempts.id, reserved.attemptId));
  });
  return row;
}

/**
 * The member at the counter has no card on a phone (an in-store member without LINE): a store manager's
 * approval lets this one lookup, and so this one checkout, pay with points. Audited: who approved, which member,
 * which clerk, which store.
 */
export async function approveMemberWithoutCard(
  engine: Engine,
  token: string,
  approval: Approval,
  clerk: CounterClerk & { ip: string },
  now: Date,
): Promise<{ proof: 'manager_approved'; expiresAt: string }> {
  const lookup = await engine.read((tx) => lookupOf(tx, token, clerk));
  const context = { ...clerk, action: 'member_without_card' as const, memberId: lookup.memberId };
  const approver = await verifyApprover(engine, approval, context, now);
  return engine.write(async (tx) => {
    const current = await usableLookup(tx, lookup, now);
    await tx
      .update(memberLookups)
      .set({ proof: 'manager_approved', approvedBy: approver.id })
      .where(eq(memberLookups.tokenHash, current.tokenHash));
    await auditAs(tx, { staffId: approver.id, storeId: clerk.storeId, ip: clerk.ip }, now, {
      action: 'counter.approve_member_without_card',
      subjectType: 'member',
      subjectId: lookup.memberId,
      before: { proof: current.proof },
      after: { proof: 'manager_approved', approvedBy: approver.id, clerkId: clerk.staffId },
    });
    return { proof: 'manager_approved', expiresAt: current.expiresAt.toISOString() };
  });
}

/**
 * Who lets this void or refund happen: nobody else when the signed-in staff member's role may do it alone (null),
 * else the store manager who approved it on their device. Without either it is refused.
 */
export async function reversalApprover(
  engine: Engine,
  role: StaffRole,
  approval: Approval | undefined,
  context: ApprovalContext & { action: 'void' | 'refund'; purchaseId: number },
  now: Date,
): Promise<number | null> {
  if (counterRoleAllows(role, context.action)) return null;
  if (!approval) {
    throw new DomainError('APPROVAL_REQUIRED', 'A store manager must approve this on your device');
  }
  const approver = await verifyApprover(engine, approval, context, now);
  await engine.write((tx) =>
    auditAs(tx, { staffId: approver.id, storeId: context.storeId, ip: context.ip }, now, {
      action: `counter.approve_${context.action}`,
      subjectType: 'purchase',
      subjectId: context.purchaseId,
      after: { approvedBy: approver.id, clerkId: context.staffId },
    }),
  );
  return approver.id;
}

async function mayApproveAt(tx: Tx, row: StaffRow, storeId: number): Promise<boolean> {
  if (!counterRoleAllows(row.role, 'approve')) return false;
  return row.role === 'admin' || (await storeIdsOf(tx, row.id)).includes(storeId);
}

const failuresFrom = (ip: string, now: Date) =>
  and(
    eq(signInAttempts.ip, ip),
    eq(signInAttempts.succeeded, false),
    gt(signInAttempts.at, new Date(now.getTime() - IP_WINDOW_MS)),
  );

const failedEntry = (username: string, reason: string, asked: Record<string, unknown>) => ({
  action: 'counter.approval_failed',
  subjectType: 'staff',
  subjectId: null,
  after: { username, reason, ...asked },
});
