import { eq } from 'drizzle-orm';
import type { Engine, Tx } from '../../db/engine.ts';
import { memberLookups } from '../../db/schema.ts';
import { auditAs } from './actor.ts';
import { DomainError } from './errors.ts';
import { type CounterClerk, lookupOf, usableLookup } from './member-lookups.ts';
import { unknownUserHash, verifyPassword } from './passwords.ts';
import { type Action, can, type Permitted } from './permissions.ts';
import {
  clearCount,
  countAccountAttempt,
  countAddressAttempt,
  countAsSuccess,
  lockedAccountRow,
  tooManyAttempts,
} from './sign-in-limits.ts';
import {
  findStaffByUsername,
  isStoreScoped,
  normaliseUsername,
  requireStaffMember,
  type StaffRow,
  storeIdsOf,
} from './staff.ts';

/** What a clerk may ask a store manager to approve on the clerk's device. */
export type CounterAction = 'member_without_card' | 'void' | 'refund';

const actionOf = {
  member_without_card: 'points.approve_without_card',
  void: 'purchase.void',
  refund: 'purchase.refund',
} as const satisfies Record<CounterAction, Action>;

/**
 * Who may do, or approve, what at the counter, in that store (bot/domain/permissions.ts): a store manager or an
 * admin voids and refunds alone, and approves a member without their card; a clerk does these only with their
 * approval.
 */
export function mayAtCounter(who: Permitted, action: CounterAction, storeId: number): boolean {
  return can(who, actionOf[action], { storeId });
}

export interface Approval {
  username: string;
  password: string;
}

/** The clerk asking, where, and from which address (the address counts wrong passwords as a sign-in does). */
export interface ApprovalContext extends CounterClerk {
  ip: string;
  action: CounterAction;
  memberId?: number | null;
  purchaseId?: number | null;
}

const refused = () => new DomainError('APPROVAL_FAILED', '店長帳號或密碼錯誤');

/**
 * A store manager (of this store) or an admin vouches with their username and password on the clerk's device.
 * Wrong passwords count as sign-ins do, with the sign-in's own counters: against the manager's lockout (five in
 * a row lock the account for 15 minutes) and the address's limit, counted before the password is hashed, so a
 * burst of guesses cannot outrun the count. Audited either way. Returns the approver.
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
  // Counted as a sign-in is, before any hashing: the address's attempt and the account's wrong password in a
  // row, taken back below if the password is right (bot/domain/sign-in-limits.ts).
  const reserved = await engine.write(async (tx): Promise<Reserved> => {
    const address = await countAddressAttempt(tx, context.ip, username, now);
    if ('freeAt' in address) return { error: tooManyAttempts(address.freeAt, now) };
    const found = await findStaffByUsername(tx, username);
    const row = found && (await lockedAccountRow(tx, found.id));
    if (!row) return { row: null, attemptId: address.attemptId };
    if (!row.active || !(await mayApproveAt(tx, row, context.action, context.storeId))) {
      return { error: new DomainError('APPROVER_NOT_ALLOWED', '這個帳號不能核准這家門市的交易') };
    }
    const turn = await countAccountAttempt(tx, row, now);
    if (turn instanceof Date) {
      return { error: new DomainError('APPROVER_LOCKED', '店長帳號因密碼錯誤次數過多暫時鎖定') };
    }
    return { row, lockedUntil: turn.locksIfWrong, attemptId: address.attemptId };
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
    const current = await lockedAccountRow(tx, row.id);
    // A password changed since it was checked: the one checked no longer clears the count.
    if (current?.passwordHash === row.passwordHash) await clearCount(tx, row.id);
    await countAsSuccess(tx, reserved.attemptId);
  });
  return row;
}

/**
 * The member at the counter has no card on a phone (an in-store member without LINE): a store manager's
 * approval lets this one lookup, and so this one purchase, pay with points. Audited: who approved, which member,
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
  who: Permitted,
  approval: Approval | undefined,
  context: ApprovalContext & { action: 'void' | 'refund'; purchaseId: number },
  now: Date,
): Promise<number | null> {
  if (mayAtCounter(who, context.action, context.storeId)) return null;
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

async function mayApproveAt(tx: Tx, row: StaffRow, action: CounterAction, storeId: number) {
  return mayAtCounter(await permissionsOf(tx, row.id, row), action, storeId);
}

/** What a staff member may do, and where: their role and stores, as their session would have them. */
export async function permissionsOf(tx: Tx, staffId: number, known?: StaffRow): Promise<Permitted> {
  const row = known ?? (await requireStaffMember(tx, staffId));
  return { role: row.role, storeIds: isStoreScoped(row.role) ? await storeIdsOf(tx, row.id) : 'all' };
}

const failedEntry = (username: string, reason: string, asked: Record<string, unknown>) => ({
  action: 'counter.approval_failed',
  subjectType: 'staff',
  subjectId: null,
  after: { username, reason, ...asked },
});
